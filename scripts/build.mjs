// Transpile-only build with esbuild, type-checking is `npm run typecheck`:
// - the CDKTF app: main.ts and everything it imports, node_modules included, in one file
//   (.build/main.cjs); one file to read and compile is what makes a synth take ~0.3 s;
// - each Lambda handler functions/<name>/index.ts, bundled to .build/functions/<name>/index.mjs.
// A target is rebuilt only when one of the inputs esbuild saw last time (recorded from its
// metafile) is newer than the output, so an unchanged project does not load esbuild at all.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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
  mkdirSync(buildDir, { recursive: true });
  writeFileSync(join(buildDir, `${name}.inputs.json`), JSON.stringify(Object.keys(result.metafile.inputs)));
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
  return { name, file: join(buildDir, `${name}.cjs`) };
}

/** Bundles an app entry (default main.ts) with its dependencies into one CommonJS file. */
export async function buildApp({ force = false, entry = "main.ts" } = {}) {
  const { name, file: out } = appBundle(entry);
  const record = name === "main" ? "app" : `app-${name}`;
  if (!force && fresh(record, [out])) return false;
  await build(record, {
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    alias: { archiver: "./scripts/archiver-stub.cjs" },
    // Loaded at synth only to bundle a user's Lambda entry, and only when it changed (constructs/nodejs-bundle.ts).
    external: ["esbuild"],
  });
  return true;
}

/** Brings both targets up to date, concurrently (esbuild runs them in parallel). */
export function buildAll(options) {
  return Promise.all([buildFunctions(options), buildApp(options)]);
}

// `node scripts/build.mjs` (npm's `prepare`, after `npm ci`): bring the build up to date.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildAll().catch(() => process.exit(1));
}
