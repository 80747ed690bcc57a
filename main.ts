/**
 * Entry point of the CDKTF app (cdktf.json "app"). It is the only place that reads configuration:
 * the `stacks` context of cdktf.json. Each entry becomes one AlbMtlsStack.
 *
 * Bad configuration throws a ConfigError naming every problem; the app runner (scripts/app.mjs)
 * prints it without a stack trace and exits with 1.
 */
import { readFileSync } from "node:fs";
import { App } from "cdktf";
import { filesBase } from "./constructs/project-paths";
import { AlbMtlsStack } from "./stacks/alb-mtls-stack";
import { parseStacks } from "./stacks/config";

function stacksContext(app: App): unknown {
  const fromCli = app.node.tryGetContext("stacks");
  if (fromCli !== undefined || process.env.CDKTF_CONTEXT_JSON) return fromCli;
  // Run as plain `node scripts/app.mjs`: read the same context from cdktf.json.
  return JSON.parse(readFileSync("cdktf.json", "utf8")).context?.stacks;
}

const app = new App();
// Relative file paths in the config start at cdktf.json's folder, as cdktf's do.
for (const [name, config] of Object.entries(parseStacks(stacksContext(app), filesBase(app)))) {
  new AlbMtlsStack(app, name, config);
}
app.synth();
