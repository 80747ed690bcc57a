/**
 * Entry point of the CDKTF app (cdktf.json "app"). It is the only place that reads configuration:
 * the `stacks` context of cdktf.json. Each entry becomes one AlbMtlsStack.
 */
import { readFileSync } from "node:fs";
import { App } from "cdktf";
import { AlbMtlsStack } from "./stacks/alb-mtls-stack";
import { ConfigError, parseStacks } from "./stacks/config";

/** Built by scripts/build.mjs before the app runs. */
const ECHO_HANDLER = ".build/functions/echo/index.mjs";

function stacksContext(app: App): unknown {
  const fromCli = app.node.tryGetContext("stacks");
  if (fromCli !== undefined || process.env.CDKTF_CONTEXT_JSON) return fromCli;
  // Run as plain `node scripts/app.mjs`: read the same context from cdktf.json.
  return JSON.parse(readFileSync("cdktf.json", "utf8")).context?.stacks;
}

const app = new App();
try {
  for (const [name, inputs] of Object.entries(parseStacks(stacksContext(app)))) {
    new AlbMtlsStack(app, name, { ...inputs, handlerFile: ECHO_HANDLER });
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
app.synth();
