/**
 * Bundling of a user's Lambda entry (TypeScript or JavaScript) with esbuild, the way the AWS CDK's
 * `NodejsFunction` does it: one minified, tree-shaken ES module with its dependencies from the
 * project's node_modules, `@aws-sdk/*` left to the runtime. The output is byte-identical on every
 * machine: paths are relative to the project root, and there are no source maps or timestamps.
 *
 * The result is cached in `<project>/.build/entries/`: a synth whose inputs (every file esbuild read,
 * by content, and the options) have not changed reads a few files and does not load esbuild.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileProblem } from "./errors";
import { findUp } from "./project-paths";

export interface NodejsBundleOptions {
  /** The handler's source file (.ts, .mts, .js, .mjs, .cjs), absolute or relative to the working directory. */
  readonly entry: string;
  /** Folder whose node_modules the dependencies come from, and the root of the paths esbuild records. @default the nearest folder above `entry` with a package.json */
  readonly projectRoot?: string;
  /** Lambda runtime; sets esbuild's target (`nodejs22.x` → `node22`). @default "nodejs22.x" */
  readonly runtime?: string;
  /** @default true */
  readonly minify?: boolean;
  /** Modules left out of the bundle, loaded from the runtime. @default ["@aws-sdk/*"] (in every Node.js runtime) */
  readonly externalModules?: string[];
}

export interface NodejsBundle {
  /** Absolute path of the bundled `index.mjs`. */
  readonly file: string;
  /** Every file the bundle was made from, relative to the project root (`functions/lib/gate.ts`, `node_modules/jose/…`). */
  readonly inputs: readonly string[];
  /** False when the cached bundle was up to date. */
  readonly rebuilt: boolean;
}

/** A bundling failure: the entry's own errors, with file and line. The message follows the word "entry". */
export class BundleError extends Error {}

/** The nearest folder at or above `from` that has a package.json. */
export function findProjectRoot(from: string): string {
  const root = findUp("package.json", from);
  if (root === undefined) throw new BundleError(`${from}: no package.json above it; give projectRoot`);
  return root;
}

const hashOf = (parts: (string | Buffer)[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex");
};

/** Bundles `entry` (or returns the cached bundle when nothing it was made from changed). */
export function bundleNodejsEntry(options: NodejsBundleOptions): NodejsBundle {
  const entry = resolve(options.entry);
  const missing = fileProblem(options.entry, process.cwd());
  if (missing) throw new BundleError(missing);
  const root = resolve(options.projectRoot ?? findProjectRoot(dirname(entry)));
  const entryPath = relative(root, entry).split(sep).join("/");
  if (entryPath.startsWith("../") || isAbsolute(entryPath)) throw new BundleError(`${JSON.stringify(options.entry)} is outside the project root ${root}`);
  const runtime = options.runtime ?? "nodejs22.x";
  const node = /^nodejs([0-9]+)\.x$/.exec(runtime)?.[1];
  if (!node) throw new BundleError(`${JSON.stringify(options.entry)}: runtime ${JSON.stringify(runtime)} is not a Node.js runtime (nodejs<version>.x)`);
  const settings = { entryPath, target: `node${node}`, minify: options.minify ?? true, external: options.externalModules ?? ["@aws-sdk/*"] };
  const key = hashOf([JSON.stringify(settings)]);
  const dir = join(root, ".build", "entries", `${entryPath.replace(/\.[cm]?[jt]sx?$/, "").replace(/[^A-Za-z0-9_-]+/g, "_")}-${key.slice(0, 12)}`);
  const file = join(dir, "index.mjs");
  const record = join(dir, "inputs.json");

  const contentHash = (inputs: readonly string[]) => {
    try {
      return hashOf(inputs.flatMap((i) => [i, readFileSync(join(root, i))]));
    } catch {
      return undefined; // an input is gone: stale
    }
  };
  if (existsSync(file) && existsSync(record)) {
    const cached = JSON.parse(readFileSync(record, "utf8")) as { inputs: string[]; hash: string };
    if (contentHash(cached.inputs) === cached.hash) return { file, inputs: cached.inputs, rebuilt: false };
  }

  const esbuild = createRequire(join(root, "package.json"))("esbuild") as typeof import("esbuild");
  let result: import("esbuild").BuildResult<{ write: false; metafile: true }>;
  try {
    result = esbuild.buildSync({
      absWorkingDir: root,
      entryPoints: [entryPath],
      outfile: file,
      write: false,
      metafile: true,
      bundle: true,
      platform: "node",
      format: "esm",
      target: settings.target,
      minify: settings.minify,
      treeShaking: true,
      legalComments: "none",
      sourcemap: false,
      external: settings.external,
      mainFields: ["module", "main"],
      preserveSymlinks: true,
      // Dependencies written in CommonJS may call require() for Node built-ins; ES modules have none.
      banner: { js: 'import{createRequire as __cr}from"node:module";const require=__cr(import.meta.url);' },
      logLevel: "silent",
    });
  } catch (e) {
    const errors = (e as { errors?: import("esbuild").Message[] }).errors ?? [];
    const lines = errors.map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ${m.text}` : m.text));
    throw new BundleError(`${entryPath} does not bundle:\n${lines.join("\n") || (e as Error).message}`);
  }
  const inputs = Object.keys(result.metafile.inputs).sort();
  const code = result.outputFiles.find((f) => f.path === file)?.contents;
  if (!code) throw new BundleError(`${entryPath}: esbuild produced no ${file}`);
  mkdirSync(dir, { recursive: true });
  // Atomic: parallel synths (Jest workers) may bundle the same entry at once.
  const write = (path: string, data: string | Uint8Array) => {
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  };
  write(file, code);
  write(record, JSON.stringify({ inputs, hash: contentHash(inputs) }));
  return { file, inputs, rebuilt: true };
}
