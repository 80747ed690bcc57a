/**
 * The tests load the packages the app bundles into .build/vendor.cjs (scripts/build.mjs: cdktf,
 * constructs, the provider bindings the stacks import) from that bundle, as the app does: one file
 * for Jest to load, instead of some 300 through its module system, per test file. Other packages,
 * and anything on a first run (no .build/ yet), load from node_modules as usual.
 *
 * `moduleNameMapper(root)` (jest.config.js) maps each module listed in .build/vendor.modules.json to
 * a shim in .build/jest-vendor/; `writeShims(root)` (global setup, after the build is brought up
 * to date) writes those shims, each `module.exports = require("../vendor.cjs")[<module>]`.
 */
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const listed = (root) => {
  try {
    return JSON.parse(readFileSync(join(root, ".build", "vendor.modules.json"), "utf8"));
  } catch {
    return [];
  }
};
const shimName = (module) => `${module.replace(/[^A-Za-z0-9]+/g, "_")}.cjs`;
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

function moduleNameMapper(root) {
  return Object.fromEntries(listed(root).map((m) => [`^${escapeRegExp(m)}$`, `<rootDir>/.build/jest-vendor/${shimName(m)}`]));
}

function writeShims(root) {
  const dir = join(root, ".build", "jest-vendor");
  mkdirSync(dir, { recursive: true });
  for (const m of listed(root)) {
    const file = join(dir, shimName(m));
    const text = `module.exports = require("../vendor.cjs")[${JSON.stringify(m)}];\n`;
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) writeFileSync(file, text);
  }
}

module.exports = { moduleNameMapper, writeShims };
