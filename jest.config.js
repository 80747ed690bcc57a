/** Jest: TypeScript through esbuild (transpile only; `npm run typecheck` checks types). */
const { moduleNameMapper: fromVendorBundle } = require("./scripts/jest-vendor.cjs");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // Transform results and test timings stay with the checkout (not in the system temp directory,
  // shared by every checkout on the machine); `npm ci` starts them afresh.
  cacheDirectory: "<rootDir>/node_modules/.cache/jest",
  // Jest's default leaves one core idle (cores − 1): on a 2-core machine that is one worker.
  maxWorkers: "100%",
  roots: ["<rootDir>/__tests__"],
  // Four files: two run the specs of two folders each (__tests__/run-specs.ts), two run the
  // project in copies of it (docs/development.md, "Where tests go").
  testMatch: ["<rootDir>/__tests__/*.test.ts"],
  transform: {
    "^.+\\.ts$": "<rootDir>/scripts/jest-esbuild-transform.cjs",
    "/scripts/.+\\.mjs$": "<rootDir>/scripts/jest-esbuild-transform.cjs",
    "/node_modules/jose/.+\\.js$": "<rootDir>/scripts/jest-esbuild-transform.cjs",
  },
  transformIgnorePatterns: ["/node_modules/(?!jose/)"],
  moduleNameMapper: {
    // cdktf and the provider bindings from the app's packages' bundle (scripts/jest-vendor.cjs).
    ...fromVendorBundle(__dirname),
    // Same stub as the app bundle (scripts/archiver-stub.cjs): cdktf loads it eagerly, we never use it.
    "^archiver$": "<rootDir>/scripts/archiver-stub.cjs",
    // package.json "exports" (how handlers import the gate); Jest 29 does not resolve a package's own name.
    "^alb-mtls-cdktf/gate$": "<rootDir>/functions/lib/gate.ts",
  },
  globalSetup: "<rootDir>/__tests__/global-setup.cjs",
  globalTeardown: "<rootDir>/__tests__/global-teardown.cjs",
  reporters: ["default", "<rootDir>/scripts/jest-summary-reporter.cjs"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
};
