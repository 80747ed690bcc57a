/**
 * Entry point of the CDKTF app (cdktf.json "app"). It is the only place that reads configuration:
 * the `stacks` context of cdktf.json. Each entry becomes one AlbMtlsStack.
 */
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { App } from "cdktf";
import { AlbMtlsStack } from "./stacks/alb-mtls-stack";
import { ConfigError, parseStacks } from "./stacks/config";
import { PropsError } from "./constructs/errors";

function stacksContext(app: App): unknown {
  const fromCli = app.node.tryGetContext("stacks");
  if (fromCli !== undefined || process.env.CDKTF_CONTEXT_JSON) return fromCli;
  // Run as plain `node scripts/app.mjs`: read the same context from cdktf.json.
  return JSON.parse(readFileSync("cdktf.json", "utf8")).context?.stacks;
}

const app = new App();
try {
  // Relative file paths in the config start at cdktf.json's folder, as cdktf's do.
  const cdktfJsonPath: string | undefined = app.node.tryGetContext("cdktfJsonPath");
  const baseDir = cdktfJsonPath ? dirname(cdktfJsonPath) : process.cwd();
  for (const [name, config] of Object.entries(parseStacks(stacksContext(app), baseDir))) {
    new AlbMtlsStack(app, name, config);
  }
} catch (error) {
  // A bad value: the message names it (path, value, rule); a stack trace would only hide it.
  if (!(error instanceof ConfigError || error instanceof PropsError)) throw error;
  console.error(error.message);
  process.exit(1);
}
app.synth();
