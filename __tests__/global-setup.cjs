// Builds the Lambda handlers once (if stale) so stack tests can package them as assets.
module.exports = async function globalSetup() {
  const { buildFunctions } = await import("../scripts/build.mjs");
  await buildFunctions();
};
