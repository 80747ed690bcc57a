// CDK Terrain, proven (CI, .ci/run): every shipped app (main.ts with every stack of cdktf.json,
// and examples/typescript/main.ts) is synthesized twice, on cdktf (the default, .build/ as usual)
// and on CDK Terrain (`cdktn`, a devDependency: the app bundled with `cdktf` resolved to it), and
// each stack's cdk.tf.json must be the same JSON but for the library's version string; assets
// byte for byte. The bundle on cdktn must hold no file of cdktf (two copies of the library in one
// app make `instanceof` checks miss the other copy's objects). docs/cdk-terrain.md.
//
//   node scripts/cdktn-check.mjs
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildDir, buildFunctions, cdkLibraries, root, vendorOptions } from "./build.mjs";
import { synthDifferences } from "./compare-synth.mjs";
import { isMain } from "./is-main.mjs";

/** The apps the project ships. */
export const SHIPPED_APPS = ["main.ts", "examples/typescript/main.ts"];

/** Bundles `entry` whole (project files and packages) with `cdktf` resolved to `cdktn`; returns the bundle's path. */
export async function bundleOnCdktn(entry, outdir) {
  const { build } = createRequire(import.meta.url)("esbuild");
  const outfile = join(outdir, `${entry.replace(/\.ts$/, "").replace(/[^A-Za-z0-9_-]+/g, "_")}.cjs`);
  const result = await build({
    ...vendorOptions,
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    metafile: true,
    logLevel: "error",
    preserveSymlinks: true,
    alias: { ...vendorOptions.alias, cdktf: "cdktn" },
  });
  const libraries = cdkLibraries(Object.keys(result.metafile.inputs));
  if (libraries.join() !== "cdktn") throw new Error(`${outfile}: bundled ${libraries.join(" and ") || "no CDK library"}, not cdktn alone`);
  return outfile;
}

function synth(args, out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = spawnSync("node", args, { cwd: root, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR: out } });
  if (result.status !== 0) throw new Error(`node ${args.join(" ")}: exit ${result.status}\n${result.stderr}`);
}

export async function check() {
  const work = join(buildDir, "cdktn-check");
  await buildFunctions();
  const failures = [];
  for (const entry of SHIPPED_APPS) {
    const name = entry.replace(/[^A-Za-z0-9_-]+/g, "_");
    const onCdktf = join(work, name, "cdktf");
    const onCdktn = join(work, name, "cdktn");
    synth(["scripts/app.mjs", entry], onCdktf);
    synth([await bundleOnCdktn(entry, join(work, "bundles"))], onCdktn);
    const differences = synthDifferences(join(onCdktn, "stacks"), join(onCdktf, "stacks"), { ignoreVersion: true });
    if (differences.length > 0) failures.push(`${entry}: on cdktn against cdktf:\n  ${differences.join("\n  ")}`);
    else console.error(`${entry}: the same on cdktn as on cdktf, the version string aside`);
  }
  if (failures.length > 0) throw new Error(failures.join("\n"));
  rmSync(work, { recursive: true, force: true });
}

if (isMain(import.meta.url)) {
  check().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
