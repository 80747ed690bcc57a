// Builds the Lambda handlers once (if stale) so stack tests can package them as assets, and moves
// every temporary file of the run into one folder (scripts/test-temp.cjs), removed at teardown.
const { tmpdir } = require("node:os");
const { start } = require("../scripts/test-temp.cjs");

module.exports = async function globalSetup() {
  const run = start(tmpdir());
  globalThis.__ALB_MTLS_TEST_RUN__ = run;
  // Set before Jest starts its workers: they and their children inherit it, and os.tmpdir() reads it.
  process.env.TMPDIR = run.runDir;
  const { buildFunctions } = await import("../scripts/build.mjs");
  await buildFunctions();
};
