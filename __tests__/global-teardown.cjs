// Removes the run's temporary folder and fails the run if a test wrote outside it.
const { finish } = require("../scripts/test-temp.cjs");

module.exports = async function globalTeardown() {
  const run = globalThis.__ALB_MTLS_TEST_RUN__;
  if (!run) return;
  const leaked = finish(run);
  if (leaked.length > 0) {
    throw new Error(`tests left ${leaked.length} entr${leaked.length === 1 ? "y" : "ies"} in ${run.systemTmp}: ${leaked.join(", ")}. Write temporary files under os.tmpdir() (the run's folder) and remove them.`);
  }
};
