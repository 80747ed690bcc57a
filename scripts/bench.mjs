// npm run bench: prints the figures the README quotes.
// - app synth (the cdktf.json "app" command, what `cdktf synth` runs): median wall time and peak
//   memory, warm (build up to date, the usual case) and cold (no .build/, first synth after a clone
//   or a change: esbuild bundles first);
// - the type-check and the whole test suite, wall time.
//   node scripts/bench.mjs [--runs N]   (default 10 warm runs, 3 cold, 2 test-suite runs)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { buildDir, root } from "./build.mjs";

const arg = process.argv.indexOf("--runs");
const runs = arg > 0 ? Number(process.argv[arg + 1]) : 10;
const tmp = mkdtempSync(join(tmpdir(), "alb-mtls-bench-"));
const cdktfJson = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8"));

function timed(cmd, args, extraEnv = {}) {
  const rssFile = join(tmp, "rss");
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", PEAK_RSS_FILE: rssFile, ...extraEnv };
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
  let rss = NaN;
  try {
    rss = Number(readFileSync(rssFile, "utf8")) / 1024;
    rmSync(rssFile);
  } catch {}
  return { seconds, rss };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** One app synth of `stacks` (default: every stack of cdktf.json). */
const synth = (stacks = cdktfJson.context?.stacks) =>
  timed(process.execPath, ["--require", join(root, "scripts/peak-rss.cjs"), "scripts/app.mjs"], {
    CDKTF_OUTDIR: join(tmp, "out"),
    CDKTF_CONTEXT_JSON: JSON.stringify({ ...cdktfJson.context, stacks }),
  });
const withApplications = Object.fromEntries(Object.entries(cdktfJson.context?.stacks ?? {}).filter(([, s]) => s.applications));

const rows = [];
function report(name, samples) {
  rows.push([
    name,
    `${median(samples.map((s) => s.seconds)).toFixed(2)} s`,
    samples.some((s) => !Number.isNaN(s.rss)) ? `${Math.max(...samples.map((s) => s.rss)).toFixed(0)} MiB` : "–",
    String(samples.length),
  ]);
}

synth(); // make the build current
report(`app synth, warm: ${Object.keys(cdktfJson.context?.stacks ?? {}).join(", ")} (median)`, Array.from({ length: runs }, () => synth()));
if (Object.keys(withApplications).length > 0) {
  report(`app synth, warm: ${Object.keys(withApplications).join(", ")} only, with applications (median)`, Array.from({ length: runs }, () => synth(withApplications)));
}
report(
  "app synth, cold: no .build/ (median)",
  Array.from({ length: 3 }, () => {
    rmSync(buildDir, { recursive: true, force: true }); // the app and handlers, and the bundles of applications' entries
    return synth();
  }),
);
report("type-check (npm run typecheck)", [timed(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.json"])]);
report(
  "test suite (npm test)",
  Array.from({ length: 2 }, () => timed(process.execPath, [join(root, "node_modules/jest/bin/jest.js"), "--silent"])),
);
rmSync(tmp, { recursive: true, force: true });

const cpu = cpus();
console.log(`${new Date().toISOString().slice(0, 10)}, ${cpu.length} × ${cpu[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log("| what | median wall time | peak memory | runs |\n|---|---|---|---|");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
console.log("(peak memory: the synth process; not measured for the type-check and tests)");
