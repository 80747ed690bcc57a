// Brings the build up to date once (if stale): the Lambda handlers, which stack tests package as
// assets, and the app with the packages' bundle, which the end-to-end tests' copies of the project
// start from (as a checkout does after `npm ci`) and which the tests load cdktf and the bindings
// from (the shims of scripts/jest-vendor.cjs). Moves every temporary file of the run into one
// folder (scripts/test-temp.cjs), removed at teardown.
const { tmpdir } = require("node:os");
const { start } = require("../scripts/test-temp.cjs");

module.exports = async function globalSetup() {
  const run = start(tmpdir());
  globalThis.__ALB_MTLS_TEST_RUN__ = run;
  // Set before Jest starts its workers: they and their children inherit it, and os.tmpdir() reads it.
  process.env.TMPDIR = run.runDir;
  // Every TLS peer of the tests is local, with a CA the test makes; no test reaches the internet.
  // A machine-wide NODE_EXTRA_CA_CERTS (this machine points it at the system's whole CA bundle)
  // makes every node process of the run (seventeen) parse that bundle as it starts: about 40 ms of
  // CPU each here. Dropped for the workers and their children (docs/speed.md).
  delete process.env.NODE_EXTRA_CA_CERTS;
  const { buildAll, root } = await import("../scripts/build.mjs");
  await buildAll();
  require("../scripts/jest-vendor.cjs").writeShims(root);
};
