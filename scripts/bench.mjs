// npm run bench: prints the figures the README quotes.
// - app synth (the cdktf.json "app" command, what `cdktf synth` runs): median wall time and peak
//   memory, warm (build up to date, the usual case) and cold (no .build/, first synth after a clone
//   or a change: esbuild bundles first);
// - the type-check and the whole test suite (`npm test` as the README gives it), wall time (the
//   suite: first run, no .build/ or Jest cache, and warm; every run printed);
// - the guard Lambda (the bundle that is deployed), a full check (RSA-4096 client certificate as
//   the stack issues it + RS256 Access token): cold start (import + first request, key set fetched
//   from a local server) over 5 fresh processes, and warm per-request latency, p50/p99 of 2000.
//   node scripts/bench.mjs [--runs N] [--guard-only]   (default 10 warm runs, 3 cold; the test suite: 2 first runs, 5 warm)
import { execFile, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { webcrypto } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { buildDir, buildFunctions, root } from "./build.mjs";

const loadAtStart = loadavg()[0];
/**
 * The machine's speed when measured: a fixed loop of plain JavaScript in a fresh node, in ms. On a
 * shared machine it varies from day to day and hour to hour, and every figure here with it.
 */
function referenceLoop() {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, ["-e", "let s = 0; for (let i = 0; i < 1e8; i++) s += i;"]);
  return Number(process.hrtime.bigint() - start) / 1e6;
}
const referenceAtStart = referenceLoop();
const arg = process.argv.indexOf("--runs");
const guardOnly = process.argv.includes("--guard-only");
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
/** Jest's cache (transform results, test timings), as jest.config.js places it. */
const jestCache = createRequire(import.meta.url)("../jest.config.js").cacheDirectory.replace("<rootDir>", root);
/** The tests' RSA keys, made once per checkout (__tests__/test-keys.ts). */
const testKeys = join(root, "node_modules/.cache/alb-mtls-test-keys");
const withApplications = Object.fromEntries(Object.entries(cdktfJson.context?.stacks ?? {}).filter(([, s]) => s.applications));

const rows = [];
const runLines = [];
function report(name, samples) {
  // Every run of the test suite, not only the median: its spread is the host's (README, Speed).
  if (name.startsWith("test suite")) runLines.push(`${name}: ${samples.map((s) => `${s.seconds.toFixed(2)} s`).join(", ")}`);
  rows.push([
    name,
    `${median(samples.map((s) => s.seconds)).toFixed(2)} s`,
    samples.some((s) => !Number.isNaN(s.rss)) ? `${Math.max(...samples.map((s) => s.rss)).toFixed(0)} MiB` : "–",
    String(samples.length),
  ]);
}

if (!guardOnly) {
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
  // The README's command itself, npm's own start-up included (about 0.3 s).
  const npmTest = () => timed(process.platform === "win32" ? "npm.cmd" : "npm", ["test", "--silent"]);
  report(
    "test suite, first run: no .build/, no Jest cache, no test keys (npm test)",
    Array.from({ length: 2 }, () => {
      rmSync(buildDir, { recursive: true, force: true });
      rmSync(jestCache, { recursive: true, force: true });
      rmSync(testKeys, { recursive: true, force: true });
      return npmTest();
    }),
  );
  report("test suite, warm (npm test)", Array.from({ length: 5 }, npmTest));
}
rmSync(tmp, { recursive: true, force: true });

/** The guard's figures: a local key-set server, real certificates and token, 5 fresh processes. */
async function benchGuard() {
  await buildFunctions();
  await import("reflect-metadata");
  const x509 = await import("@peculiar/x509");
  x509.cryptoProvider.set(webcrypto);
  const { SignJWT, exportJWK, generateKeyPair } = await import("jose");
  const rsa = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 4096 };
  const day = 86_400_000;
  const rootKeys = await webcrypto.subtle.generateKey(rsa, true, ["sign", "verify"]);
  const rootCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01", name: "CN=Bench Root CA", keys: rootKeys, notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + day), signingAlgorithm: rsa,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  const leafKeys = await webcrypto.subtle.generateKey(rsa, true, ["sign", "verify"]);
  const leafCert = await x509.X509CertificateGenerator.create({
    serialNumber: "02", subject: "CN=Client Certificate,O=My Organization", issuer: rootCert.subject, publicKey: leafKeys.publicKey, signingKey: rootKeys.privateKey,
    notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + day), signingAlgorithm: rsa,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true), new x509.ExtendedKeyUsageExtension(["1.3.6.1.5.5.7.3.2"])],
  });
  const team = "bench.cloudflareaccess.com";
  const pair = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256" };
  const token = await new SignJWT({ email: "alice@example.com" }).setProtectedHeader({ alg: "RS256", kid: "k1" }).setIssuer(`https://${team}`).setAudience("aud").setExpirationTime("1h").sign(pair.privateKey);
  const server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const config = {
    bundle: join(buildDir, "functions/guard/index.mjs"),
    jwksUrl: `http://127.0.0.1:${server.address().port}/cdn-cgi/access/certs`,
    certHeader: encodeURIComponent(leafCert.toString("pem")),
    token,
    warm: 2000,
  };
  const env = { ...process.env, MTLS_VERIFY: "true", MTLS_CA_BUNDLE: rootCert.toString("pem"), ACCESS_TEAM_DOMAIN: team, ACCESS_AUD: "aud", BENCH_GUARD: JSON.stringify(config) };
  const runs = [];
  try {
    for (let i = 0; i < 5; i++) {
      const out = await new Promise((resolve, reject) =>
        execFile(process.execPath, [join(root, "scripts/bench-guard-child.mjs")], { env, timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout))),
      );
      runs.push(JSON.parse(out));
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
  const warm = runs.flatMap((r) => r.warm).sort((a, b) => a - b);
  const pct = (p) => warm[Math.min(warm.length - 1, Math.floor((p / 100) * warm.length))];
  return [
    ["guard cold start: import + first request (median of 5 processes)", `${median(runs.map((r) => r.coldMs)).toFixed(1)} ms`],
    ["guard warm request, full check: p50", `${pct(50).toFixed(3)} ms`],
    ["guard warm request, full check: p99", `${pct(99).toFixed(3)} ms`],
    ["warm requests measured", String(warm.length)],
  ];
}
const guardRows = await benchGuard();

const cpu = cpus();
console.log(`${new Date().toISOString().slice(0, 10)}, ${cpu.length} × ${cpu[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
// Wall times on a shared machine depend on what else runs: the load when the bench started and ended.
console.log(`load average (1 min): ${loadAtStart.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end`);
console.log(`reference loop (1e8 additions in a fresh node): ${referenceAtStart.toFixed(0)} ms at start, ${referenceLoop().toFixed(0)} ms at end`);
if (rows.length > 0) {
  console.log("| what | median wall time | peak memory | runs |\n|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
  console.log("(peak memory: the synth process; not measured for the type-check and tests)");
  for (const line of runLines) console.log(`runs of the ${line}`);
}
console.log("\n| guard (RSA-4096 certificate + RS256 token) | time |\n|---|---|");
for (const r of guardRows) console.log(`| ${r.join(" | ")} |`);
