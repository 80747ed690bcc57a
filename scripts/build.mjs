// Transpile-only build with esbuild, type-checking is `npm run typecheck`:
// - the CDKTF app: main.ts and the project files it imports in .build/main.cjs, the packages they
//   use (cdktf, the provider bindings…) in .build/vendor.cjs, which every app entry shares: two
//   files to read and compile is what makes a synth take ~0.3 s, and a new entry (a team's own
//   main.ts) bundles only its project files, not 12 MB of bindings again;
// - each Lambda handler functions/<name>/index.ts, bundled to .build/functions/<name>/index.mjs.
// A target is rebuilt only when one of the inputs esbuild saw last time (recorded from its
// metafile) is newer than the output, so an unchanged project does not load esbuild at all.
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isMain } from "./is-main.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const buildDir = join(root, ".build");
const self = fileURLToPath(import.meta.url);

/** Handler folders under functions/ that have an index.ts. */
export function functionNames() {
  return readdirSync(join(root, "functions"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, "functions", d.name, "index.ts")))
    .map((d) => d.name)
    .sort();
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Infinity; // missing: stale
  }
}

/** True when every output exists and no recorded input (nor this script) changed since. */
function fresh(name, outputs) {
  const record = join(buildDir, `${name}.inputs.json`);
  if (!existsSync(record)) return false;
  const built = Math.min(...outputs.map((o) => (existsSync(o) ? statSync(o).mtimeMs : -Infinity)));
  const inputs = [self, ...JSON.parse(readFileSync(record, "utf8")).map((i) => join(root, i))];
  return inputs.every((i) => mtime(i) <= built);
}

async function build(name, options) {
  const { build: esbuild } = createRequire(import.meta.url)("esbuild");
  // preserveSymlinks: paths in the output (comments) stay inside the project even with a linked node_modules.
  const result = await esbuild({ absWorkingDir: root, metafile: true, logLevel: "error", preserveSymlinks: true, ...options });
  assertOneCdkLibrary(Object.keys(result.metafile.inputs), options.outfile ?? name);
  mkdirSync(buildDir, { recursive: true });
  // Inputs in the "vendor" namespace (a package looked up in vendor.cjs) are not files.
  writeFileSync(join(buildDir, `${name}.inputs.json`), JSON.stringify(Object.keys(result.metafile.inputs).filter((i) => !i.startsWith("vendor:"))));
}

/**
 * Bundles every handler to .build/functions/<name>/index.mjs (ES module, Node 22 runtime).
 * Deterministic: no source maps, no absolute paths, no timestamps, so the asset hash is stable.
 */
export async function buildFunctions({ force = false } = {}) {
  const names = functionNames();
  const outputs = names.map((n) => join(buildDir, "functions", n, "index.mjs"));
  if (names.length === 0 || (!force && fresh("functions", outputs))) return false;
  await build("functions", {
    entryPoints: names.map((n) => ({ in: `functions/${n}/index.ts`, out: `${n}/index` })),
    outdir: join(buildDir, "functions"),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    legalComments: "none",
  });
  return true;
}

/** The bundle of an app entry: main.ts → .build/main.cjs, examples/typescript/main.ts → .build/examples_typescript_main.cjs. */
export function appBundle(entry = "main.ts") {
  const name = entry.replace(/\.ts$/, "").replace(/[^A-Za-z0-9_-]+/g, "_");
  // The build record of the bundle: <record>.inputs.json, <record>.modules.json.
  return { name, file: join(buildDir, `${name}.cjs`), record: name === "main" ? "app" : `app-${name}` };
}

/** The packages' bundle, shared by every app entry: exports each package module an entry imports, by its specifier. */
export const vendorBundle = join(buildDir, "vendor.cjs");
const vendorEntry = join(buildDir, "vendor-entry.cjs");
const modulesOf = (record) => join(buildDir, `${record}.modules.json`);
const readModules = (record) => (existsSync(modulesOf(record)) ? JSON.parse(readFileSync(modulesOf(record), "utf8")) : undefined);
const BUILTIN = new Set(builtinModules);

/**
 * esbuild plugin for an app entry: an import of a package (`cdktf`, `@cdktf/provider-aws/lib/lb`)
 * becomes a lookup in the packages' bundle, and is added to `seen`; Node's own modules stay
 * imports, and project files are bundled.
 */
function packagesFromVendor(seen) {
  return {
    name: "packages-from-vendor",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, ({ path }) => {
        if (path.startsWith("node:") || BUILTIN.has(path.split("/")[0]) || path === "esbuild") return { path, external: true };
        seen.add(path);
        return { path, namespace: "vendor" };
      });
      b.onResolve({ filter: /^\.\/vendor\.cjs$/, namespace: "vendor" }, ({ path }) => ({ path, external: true }));
      b.onLoad({ filter: /.*/, namespace: "vendor" }, ({ path }) => ({
        contents: `const m = require("./vendor.cjs")[${JSON.stringify(path)}];
if (m === undefined) throw new Error(${JSON.stringify(`${path} is not in .build/vendor.cjs: run node scripts/build.mjs`)});
module.exports = m;`,
        loader: "js",
      }));
    },
  };
}

/**
 * Bundles the packages `modules` (with those it had) into .build/vendor.cjs, unless it is up to
 * date and has them all. A package it had that no longer resolves (removed from package.json) is
 * dropped: the bundle is made again with `modules` alone.
 */
async function buildVendor(modules, { force = false } = {}) {
  const had = readModules("vendor") ?? [];
  const all = [...new Set([...had, ...modules])].sort();
  if (!force && all.length === had.length && fresh("vendor", [vendorBundle])) return false;
  const alone = [...new Set(modules)].sort();
  if (alone.length === all.length) return bundleVendor(all);
  try {
    return await bundleVendor(all, "silent");
  } catch {
    return bundleVendor(alone);
  }
}

/**
 * cdktf 0.21.0 calls `util.isArray` (terraform-output.js), which Node 22 and later deprecate at
 * runtime (DEP0044): on every synth Node printed a DeprecationWarning, which `cdktf synth` shows as
 * an `[ERROR]` line. This plugin replaces that call in the bundle by what Node documents as its
 * replacement, `Array.isArray` (the same function); CDK Terrain made the same change. A file
 * without the call (another version) is bundled as it is; other warnings are left alone.
 */
export const UTIL_IS_ARRAY = /\(0, (util_\d+)\.isArray\)\(/g;
const withoutUtilIsArray = {
  name: "without-util-isArray",
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]cdktf[\\/]lib[\\/]terraform-output\.js$/ }, ({ path }) => ({
      contents: readFileSync(path, "utf8").replace(UTIL_IS_ARRAY, "Array.isArray("),
      loader: "js",
    }));
  },
};

/** The libraries a bundle's inputs (esbuild's metafile) come from: `cdktf`, `cdktn` (CDK Terrain). */
export function cdkLibraries(inputs) {
  return [...new Set(inputs.flatMap((i) => /(?:^|\/)node_modules\/(cdkt[fn])\//.exec(i)?.[1] ?? []))].sort();
}

/**
 * Both in one bundle would make two copies of every class (`instanceof TerraformResource` is
 * false for the other copy's resources), hence an error rather than a bundle.
 */
export function assertOneCdkLibrary(inputs, bundle) {
  const found = cdkLibraries(inputs);
  if (found.length > 1) {
    throw new Error(`${bundle} would load both ${found.join(" and ")}: resolve cdktf to one library (docs/cdk-terrain.md)`);
  }
}

/** What every bundle of the packages shares (the app's vendor.cjs, and the CDK Terrain check's bundle). */
export const vendorOptions = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  alias: { archiver: "./scripts/archiver-stub.cjs" },
  // Loaded at synth only to bundle a user's Lambda entry, and only when it changed (constructs/nodejs-bundle.ts).
  external: ["esbuild"],
  plugins: [withoutUtilIsArray],
};

async function bundleVendor(all, logLevel = "error") {
  mkdirSync(buildDir, { recursive: true });
  // Getters: a module is loaded when an entry first uses it (a stack on the reference track never
  // loads the Cloudflare v5 bindings; a configuration error stops before most are loaded).
  const entry = `module.exports = {\n${all.map((m) => `  get ${JSON.stringify(m)}() { return require(${JSON.stringify(m)}); },`).join("\n")}\n};\n`;
  if (!existsSync(vendorEntry) || readFileSync(vendorEntry, "utf8") !== entry) writeFileSync(vendorEntry, entry);
  // Written aside and renamed, the record after it: another runner (the Terraform stage runs
  // several side by side) reads a whole bundle, and one with every module the record lists.
  const partial = `${vendorBundle}.${process.pid}.tmp`;
  await build("vendor", {
    entryPoints: [vendorEntry],
    outfile: partial,
    ...vendorOptions,
    logLevel,
  });
  renameSync(partial, vendorBundle);
  writeFileSync(modulesOf("vendor"), JSON.stringify(all));
  return true;
}

/** Bundles an app entry (default main.ts): its project files into one CommonJS file, its packages into the shared vendor.cjs. */
export async function buildApp({ force = false, entry = "main.ts" } = {}) {
  const { file: out, record } = appBundle(entry);
  let built = false;
  if (force || !fresh(record, [out]) || readModules(record) === undefined) {
    const seen = new Set();
    await build(record, {
      entryPoints: [entry],
      outfile: out,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      plugins: [packagesFromVendor(seen)],
    });
    writeFileSync(modulesOf(record), JSON.stringify([...seen].sort()));
    built = true;
  }
  // Until vendor.cjs has every package the entry imports (a runner beside this one may have
  // replaced it with its own set in between).
  const needed = readModules(record);
  for (let attempt = 0; ; attempt++) {
    built = (await buildVendor(needed, { force: force && attempt === 0 })) || built;
    const has = new Set(readModules("vendor"));
    if (needed.every((m) => has.has(m))) return built;
    if (attempt === 2) throw new Error(`.build/vendor.cjs keeps lacking packages of ${entry}: run node scripts/build.mjs alone`);
  }
}

/**
 * The files of each part of the build with the records that keep it up to date, relative to the
 * project root: what a copy of a built project takes along (the end-to-end tests' copies).
 */
export const builtFiles = {
  functions: [join(buildDir, "functions"), join(buildDir, "functions.inputs.json")].map((f) => relative(root, f)),
  vendor: [vendorBundle, vendorEntry, join(buildDir, "vendor.inputs.json"), modulesOf("vendor")].map((f) => relative(root, f)),
  /** An app entry's bundle (default main.ts). */
  app(entry = "main.ts") {
    const { file, record } = appBundle(entry);
    return [file, join(buildDir, `${record}.inputs.json`), modulesOf(record)].map((f) => relative(root, f));
  },
};

/** Brings both targets up to date, concurrently (esbuild runs them in parallel). */
export function buildAll(options) {
  return Promise.all([buildFunctions(options), buildApp(options)]);
}

// `node scripts/build.mjs` (npm's `prepare`, after `npm ci`): bring the build up to date.
if (isMain(import.meta.url)) {
  buildAll().catch(() => process.exit(1));
}
