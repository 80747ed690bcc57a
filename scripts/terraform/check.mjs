// The Terraform stage: real Terraform is the judge of every stack the project ships or documents,
// and of a matrix of variants that uses every option and target kind (variants.mjs).
//
// For each stack: `terraform init -backend=false`, `terraform validate`, and `terraform test`
// with `mock_provider` for every provider, running a plan and an apply with example variables.
// Then mutations of synthesized stacks (and of the real providers' mirror), each of which must
// fail at its step for its stated reason, show that the check can fail. Providers: the real ones
// from a local mirror where they fit (TF_PROVIDER_MIRROR, else /opt/tf-plugins; real-providers.mjs),
// started once and judging every validation through a stand-in that serves their own schema;
// else schema-only stand-ins built from the prebuilt bindings (standin-servers.mjs). A real
// provider that cannot be used stops the stage under CI; the report says which provider judged
// each stack. See docs/terraform-check.md.
//
//   node scripts/terraform/check.mjs [--only=stack,…] [--no-mutations] [--keep]
//   node scripts/terraform/check.mjs --app "node scripts/app.mjs platform/main.ts" [--vars=values.json]
//   (npm run terraform:check -- …)
//
// `--app`: a team's own app instead of the project's stacks: the command synthesizes it (into the
// folder CDKTF_OUTDIR names, as `cdktf synth` runs an app), and each of its stacks is judged as the
// shipped ones are. `--vars`: a JSON file of example values for its variables without a default.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { TARGET, installedBindings, realMirrorDirs, requiredProviders, satisfies, schemaFile, selfSignedCertificate, usedTypes } from "./provider-mirror.mjs";
import { flagDifferences, schemaDifferences } from "./compare-schema.mjs";
import { REQUIRED_UNDER_CI, chooseRealProviders, findRealProviders, realProviderVerdict, startRealProviders } from "./real-providers.mjs";
import { startStandIns } from "./standin-servers.mjs";
import { EXAMPLE_VARIABLES, VARIANTS } from "./variants.mjs";
import { MUTATIONS } from "./mutations.mjs";
import { testFile } from "./test-file.mjs";
import { documentedEntries } from "../doc-entries.mjs";
import { checkRenewal } from "./renewal.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BUILD = join(ROOT, ".build", "terraform");
const args = process.argv.slice(2);
/** The value of `--name=value` or `--name value`. */
function option(name) {
  const at = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (at < 0) return undefined;
  const value = args[at] === `--${name}` ? args[at + 1] : args[at].slice(name.length + 3);
  if (!value || value.startsWith("--")) {
    console.error(`terraform: --${name} needs a value, e.g. --app "node scripts/app.mjs platform/main.ts"`);
    process.exit(1);
  }
  return value;
}
const only = option("only")?.split(",");
const app = option("app");
const varsFile = option("vars");
// A team's app: the project's own mutations start from the project's stacks, which are not synthesized.
if (app) {
  args.push("--no-mutations");
  console.log("terraform: --app: the team's app only; the project's own stacks and mutations are not run (npm run terraform:check runs them)");
}
const examples = { ...EXAMPLE_VARIABLES };
if (varsFile) {
  try {
    Object.assign(examples, JSON.parse(readFileSync(varsFile, "utf8")));
  } catch (e) {
    console.error(`terraform: --vars=${varsFile}: ${e.code === "ENOENT" ? "no such file" : e.message} (a JSON object: variable name → example value)`);
    process.exit(1);
  }
}
const started = Date.now();
const seconds = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

const results = [];
function record(name, ok, detail, time) {
  results.push({ name, ok });
  console.log(`${ok ? "ok  " : "FAIL"} ${name} (${time})${ok ? "" : `\n${indent(detail)}`}`);
}
const indent = (text) => text.trim().split("\n").map((l) => `       ${l}`).join("\n");
const errors = (out) => out.split("\n").filter((l) => /^(│ )?Error: /.test(l)).map((l) => l.replace(/^│ /, "")).join("; ");

// ---- Terraform on the machine -------------------------------------------------------------------
let terraformVersion;
try {
  terraformVersion = JSON.parse(execFileSync("terraform", ["version", "-json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, CHECKPOINT_DISABLE: "1" } })).terraform_version;
} catch {
  if (process.env.CI) {
    console.error("terraform: not found on PATH. CI must run the Terraform stage: install Terraform ≥ 1.11.");
    process.exit(1);
  }
  console.log("terraform: skipped, terraform is not on PATH (CI fails here instead). Install Terraform ≥ 1.11 to run this stage.");
  process.exit(0);
}
if (!satisfies(terraformVersion, ">= 1.11")) {
  console.error(`terraform: ${terraformVersion} is on PATH; the stage needs ≥ 1.11 (mock_provider with override_during in terraform test).`);
  process.exit(1);
}

/** Runs a command; resolves with its exit code and combined output. */
function run(cmd, argv, { cwd = ROOT, env = {} } = {}) {
  return new Promise((done) => {
    const child = spawn(cmd, argv, { cwd, env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => done({ code, out }));
  });
}

async function pool(items, worker, size = availableParallelism()) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await worker(items[i]);
      }
    }),
  );
  return results;
}

// ---- 1. synthesize every stack ----------------------------------------------------------------
rmSync(join(BUILD, "synth"), { recursive: true, force: true });
rmSync(join(ROOT, ".build", "terraform-work"), { recursive: true, force: true });
mkdirSync(join(BUILD, "synth"), { recursive: true });
const fixtures = join(BUILD, "fixtures");
await selfSignedCertificate(fixtures, "origin-pull", "origin-pull.example.net");
const variants = JSON.parse(JSON.stringify(VARIANTS).replaceAll("FIXTURES/", `${relative(ROOT, fixtures)}/`));

const documented = app ? [] : documentedEntries(ROOT, ".terraform-check-");
const synths = app
  ? [{ group: "app", command: app }]
  : [
      { group: "shipped", argv: [] },
      { group: "example", argv: ["examples/typescript/main.ts"] },
      { group: "variant", argv: [], context: { stacks: variants } },
      ...documented.map((d) => ({ group: d.group, argv: [d.entry] })),
    ];
let t = Date.now();
// The first builds what the others reuse (scripts/build.mjs); then the rest side by side.
const synthOne = async ({ group, argv, context, command }) => {
  const env = { CDKTF_OUTDIR: join(BUILD, "synth", group), ...(context ? { CDKTF_CONTEXT_JSON: JSON.stringify(context) } : {}) };
  const r = command ? await run("/bin/sh", ["-c", command], { env }) : await run(process.execPath, ["scripts/app.mjs", ...argv], { env });
  if (r.code !== 0) {
    console.error(`terraform: synth of ${command ? `the app (${command})` : `the ${group} stacks`} failed:\n${r.out}`);
    process.exit(1);
  }
};
await synthOne(synths[0]);
try {
  await Promise.all(synths.slice(1).map(synthOne));
} finally {
  for (const d of documented) rmSync(d.dir, { recursive: true, force: true });
}
const allStacks = synths.flatMap(({ group, command }) => {
  const dir = join(BUILD, "synth", group, "stacks");
  if (!existsSync(dir)) {
    console.error(`terraform: ${command ? `the app (${command})` : `the ${group} synth`} wrote no stacks to ${relative(ROOT, dir)}: does it synthesize with cdktf's App, which writes where CDKTF_OUTDIR says?`);
    process.exit(1);
  }
  return readdirSync(dir).map((name) => ({ group, name, dir: join(dir, name), config: JSON.parse(readFileSync(join(dir, name, "cdk.tf.json"), "utf8")) }));
});
const stacks = allStacks.filter((s) => !only || only.includes(s.name));
console.log(`terraform: Terraform ${terraformVersion}; synthesized ${stacks.length} stacks in ${seconds(t)}`);

// ---- 2. providers ---------------------------------------------------------------------------------
t = Date.now();
const configs = stacks.map((s) => s.config);
if (!configs.length && args.includes("--no-mutations")) throw new Error("nothing to check: --only names no stack");
// The mutations start from stacks of both tracks, whatever --only says.
const mutated = args.includes("--no-mutations")
  ? []
  : MUTATIONS.map((m) => {
      const base = allStacks.find((s) => `${s.group}/${s.name}` === m.base);
      if (!base) throw new Error(`mutation "${m.name}": no stack ${m.base} to start from`);
      const config = JSON.parse(JSON.stringify(base.config));
      m.mutate(config);
      return { ...m, base, config };
    });
const allConfigs = [...configs, ...mutated.map((m) => m.config)];
// The real providers: every one in the real mirrors that a stack can use is started once, in its
// debug mode; one that cannot be used is a problem, and under CI so is a missing real AWS 5.
const mirrors = realMirrorDirs();
const found = mirrors.flatMap((m) => findRealProviders(m));
const wanted = requiredProviders(allConfigs);
// The real AWS 5 provider's schema also says which AWS 6 arguments are computed: wanted with AWS 6.
if (wanted.has("hashicorp/aws")) wanted.get("hashicorp/aws").add("~> 5.0");
// Outside CI, a missing real AWS 5 is a warning (realProviderVerdict), and its mutations are not run.
const { chosen, problems, unused } = chooseRealProviders(found, wanted, REQUIRED_UNDER_CI, { explicit: !!process.env.TF_PROVIDER_MIRROR });
for (const note of unused) console.log(`terraform: not used: ${note}`);
const realServers = await startRealProviders(chosen, { buildDir: join(BUILD, "real") });
process.on("exit", () => {
  realServers.stop();
  rmSync(join(BUILD, "real", "sockets"), { recursive: true, force: true });
});
problems.push(...realServers.problems);
const verdict = realProviderVerdict(problems, { ci: !!process.env.CI, mirrors });
if (verdict.message) (verdict.fail ? console.error : console.log)(verdict.message);
if (verdict.fail) process.exit(1);
// Each real provider's schema, read once from it: the stand-in that Terraform attaches to serves
// it (only the types in use), and passes every validation to the real provider.
const captured = await captureRealSchemas(realServers.started);
const forwards = Object.fromEntries(realServers.started.map((p) => [`${p.source}@${p.version}`, p.reattach]));
// Which optional arguments are also computed, for stand-ins whose binding cannot say: AWS from the
// real AWS provider's schema (types and attributes present in both), Cloudflare 5 from its source.
const computedFrom = {};
const realAws = Object.entries(captured).find(([at]) => at.startsWith("hashicorp/aws@"));
if (realAws) for (const major of ["5", "6"]) computedFrom[`hashicorp/aws@${major}`] = { id: realAws[0], schema: realAws[1], label: `the real hashicorp/aws ${realAws[0].split("@")[1]}'s schema` };
const cloudflareFlags = readFileSync(join(ROOT, "scripts", "terraform", "cloudflare-5.14-schema-flags.json"), "utf8");
computedFrom["cloudflare/cloudflare@5"] = { id: createHash("sha256").update(cloudflareFlags).digest("hex"), schema: JSON.parse(cloudflareFlags), label: "Cloudflare 5.14.0's source (cloudflare-5.14-schema-flags.json)" };
const schemaOnly = await startStandIns({ buildDir: join(BUILD, "schema"), configs: allConfigs, captured, forwards, computedFrom });
process.on("exit", () => schemaOnly.stop());
console.log(`terraform: providers ready in ${seconds(t)}`);
for (const p of schemaOnly.report) {
  const real = realServers.started.find((r) => r.source === p.source && r.version === p.version);
  const computed = computedFrom[`${p.source}@${p.version.split(".")[0]}`];
  const what = real
    ? `REAL (${real.from}${real.provider.zip ? ", unpacked" : ""}), started once: judges every validation of these stacks; Terraform reads its own schema (the types in use) from a stand-in that passes every validation to it`
    : p.from.endsWith("-empty")
      ? "stand-in with no resource types (no binding installed; the reference declares it for its lock file only)"
      : `stand-in serving the schema of ${p.from}${computed && !p.kind.includes("real schema") ? `; optional arguments computed where ${computed.label} says so` : "; computed only where the binding says (read-only attributes, id, arguments its generator's comments call computed)"}`;
  console.log(`  ${p.source} ${p.constraint}: ${p.version}, ${what}`);
}

/**
 * Each real provider's schema, read with `terraform providers schema -json` attached to it; kept
 * in .build/terraform/real-schemas, keyed by the provider file's path, size and time.
 */
async function captureRealSchemas(started) {
  const out = {};
  const cacheDir = join(BUILD, "real-schemas");
  mkdirSync(cacheDir, { recursive: true });
  const cacheFile = (p) => {
    const stat = statSync(p.from, { throwIfNoEntry: false }) ?? {};
    return join(cacheDir, `${p.source.replace("/", "_")}-${p.version}-${createHash("sha256").update(`${p.from}|${stat.size}|${stat.mtimeMs}`).digest("hex").slice(0, 12)}.json`);
  };
  const missing = started.filter((p) => {
    if (!existsSync(cacheFile(p))) return true;
    out[`${p.source}@${p.version}`] = JSON.parse(readFileSync(cacheFile(p), "utf8"));
    return false;
  });
  if (!missing.length) return out;
  const dir = join(BUILD, "capture");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const required = Object.fromEntries(missing.map((p, i) => [`p${i}`, { source: p.source, version: p.version }]));
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: required } }));
  const env = { TF_CLI_CONFIG_FILE: "/dev/null", TF_REATTACH_PROVIDERS: JSON.stringify(Object.fromEntries(missing.map((p) => [`registry.terraform.io/${p.source}`, p.reattach]))) };
  const init = await run("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd: dir, env });
  if (init.code !== 0) throw new Error(`reading the real providers' schemas: terraform init failed:\n${init.out}`);
  const schema = await run("terraform", ["providers", "schema", "-json"], { cwd: dir, env });
  if (schema.code !== 0) throw new Error(`terraform providers schema failed:\n${schema.out}`);
  const all = JSON.parse(schema.out).provider_schemas;
  for (const p of missing) {
    out[`${p.source}@${p.version}`] = all[`registry.terraform.io/${p.source}`];
    writeFileSync(cacheFile(p), JSON.stringify(out[`${p.source}@${p.version}`]));
  }
  rmSync(dir, { recursive: true, force: true });
  return out;
}

// ---- 3. the schema reader, measured against a real provider ------------------------------------------
// Where a real provider is on the machine and a binding of the same major version is installed,
// the schema read from the binding must agree with the provider's own on every type the stacks
// use: that is what the stand-ins serve for the providers that are not on the machine.
for (const [at, real] of Object.entries(captured)) {
  const [source, version] = at.split("@");
  const binding = installedBindings().find((b) => b.source === source && b.version.split(".")[0] === version.split(".")[0]);
  if (!binding) continue;
  const start = Date.now();
  const used = (kind, key) => usedTypes(configs, [kind]).filter((t) => real[key]?.[t]);
  const types = { resources: used("resource", "resource_schemas"), data: used("data", "data_source_schemas") };
  const { schema } = schemaFile(join(BUILD, "schema", "schemas"), { ...binding, kind: "stand-in" }, [...types.resources, ...types.data]);
  const diffs = schemaDifferences(schema, real, types);
  const count = types.resources.length + types.data.length;
  record(`schema read from ${binding.binding} (${source} ${binding.version}) = real ${source} ${version}, for the ${count} types the stacks use`, diffs.length === 0, diffs.join("\n"), seconds(start));
}

// The Cloudflare 5 stand-in's schema, read from its binding, against what the provider's source
// says (required, optional, computed only) for the types the stacks use.
{
  const start = Date.now();
  const flags = computedFrom["cloudflare/cloudflare@5"].schema;
  const binding = installedBindings().find((b) => b.source === "cloudflare/cloudflare" && b.version.startsWith("5."));
  // Only stacks on Cloudflare 5: some of its type names are Cloudflare 4's too.
  const onFive = allConfigs.filter((c) => [...(requiredProviders([c]).get("cloudflare/cloudflare") ?? [])].some((v) => binding && satisfies(binding.version, v)));
  const types = usedTypes(onFive).filter((t) => flags.resource_schemas[t] || flags.data_source_schemas[t]);
  if (binding && types.length) {
    const { schema } = schemaFile(join(BUILD, "schema", "schemas"), { ...binding, kind: "stand-in" }, types);
    const diffs = flagDifferences(schema, { resource_schemas: flags.resource_schemas, data_source_schemas: flags.data_source_schemas });
    record(`schema read from ${binding.binding} (cloudflare/cloudflare ${binding.version}) = Cloudflare ${binding.version}'s source on required/optional/computed, for the ${types.length} types the stacks use`, diffs.length === 0, diffs.join("\n"), seconds(start));
  }
}

// ---- 4. every stack: init, validate, mocked plan and apply -----------------------------------------

/**
 * Copies a stack folder to a work folder with its test file; returns the folder. The work folder
 * sits three levels below the project, as cdktf.out/stacks/<stack> does: the stacks reach files
 * of the project (`file("../../../…")`) and the local state by that path.
 */
const WORK = join(ROOT, ".build", "terraform-work");
function workDir(stack, name, config = stack.config) {
  const dir = join(WORK, name);
  cpSync(stack.dir, dir, { recursive: true });
  writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(config, null, 2));
  mkdirSync(join(dir, "tests"), { recursive: true });
  writeFileSync(join(dir, "tests", "check.tftest.hcl"), testFile(config, examples, schemaOnly.resourceSchema));
  return dir;
}

/**
 * init, validate and test in `dir`, attached to the stand-ins for `config` (a real provider judges
 * init and validate; the mocked plan needs only its schema); stops at the first failure: { step, out }
 * of it, or undefined.
 */
async function terraform(dir, config, steps = ["init", "validate", "test"]) {
  const argv = {
    init: ["init", "-backend=false", "-input=false", "-no-color"],
    validate: ["validate", "-no-color"],
    test: ["test", "-no-color"],
  };
  for (const step of steps) {
    const env = { TF_CLI_CONFIG_FILE: "/dev/null", TF_REATTACH_PROVIDERS: schemaOnly.reattachFor(config, { mocked: step === "test" }) };
    const r = await run("terraform", argv[step], { cwd: dir, env });
    if (r.code !== 0) return { step, out: r.out };
  }
  return undefined;
}

t = Date.now();
// The longest first: two cores pack better that way.
const jobs = [...stacks].sort((a, b) => JSON.stringify(b.config).length - JSON.stringify(a.config).length);
await pool(jobs, async (stack) => {
  const start = Date.now();
  const name = `${stack.group}/${stack.name}`;
  let dir;
  try {
    dir = workDir(stack, `${stack.group}.${stack.name}`);
  } catch (e) {
    return record(`${name}: its test file`, false, e.message, seconds(start));
  }
  const failed = await terraform(dir, stack.config);
  record(`${name}: init + validate + mocked plan/apply, judged by ${schemaOnly.judgedBy(stack.config)}`, !failed, failed && `terraform ${failed.step} failed:\n${failed.out}`, seconds(start));
  // Certificate renewal without a gap (renewal.mjs): a forced renewal on the state of an apply run.
  const renewalStart = Date.now();
  const env = { TF_CLI_CONFIG_FILE: "/dev/null", TF_REATTACH_PROVIDERS: schemaOnly.reattachFor(stack.config, { mocked: true }) };
  const sibling = (variant) => testFile(allStacks.find((s) => s.group === stack.group && s.name === variant).config, examples, schemaOnly.resourceSchema);
  const renewal = failed ? [] : await checkRenewal(stack.config, dir, (argv) => run("terraform", argv, { cwd: dir, env }), stack.dir, sibling);
  for (const r of renewal) record(`${name}: ${r.what}`, r.ok, r.detail, seconds(renewalStart));
  if (!failed && !args.includes("--keep")) rmSync(dir, { recursive: true, force: true });
});
console.log(`terraform: ${jobs.length} stack checks in ${seconds(t)}`);

// ---- 5. the check can fail ------------------------------------------------------------------------
if (!args.includes("--no-mutations")) {
  t = Date.now();
  const missing = mutated.filter((m) => m.needsReal && !realServers.started.some((r) => r.source === m.needsReal));
  for (const m of missing) console.log(`skip mutation of ${m.base.group}/${m.base.name}, "${m.name}": it needs the real ${m.needsReal} provider, which this run does not have (under CI it must)`);
  await pool(mutated.filter((m) => !missing.includes(m)), async (m) => {
    const start = Date.now();
    const { base, config } = m;
    const dir = workDir(base, `mutation.${base.name}.${m.name.replace(/\W+/g, "-")}`, config);
    const failed = await terraform(dir, config);
    const ok = !!failed && failed.step === m.step && m.expect.test(failed.out);
    const got = failed ? `${failed.step}: ${errors(failed.out) || failed.out.slice(-500)}` : "every step passed";
    record(`mutation of ${m.base.group}/${m.base.name}, "${m.name}": fails at ${m.step} with ${m.expect}`, ok, `got ${got}`, seconds(start));
    if (!args.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  });
  await realProviderMutations();
  console.log(`terraform: ${mutated.length - missing.length + 3} mutations in ${seconds(t)}${missing.length ? ` (${missing.length} not run)` : ""}`);
}

/**
 * The report cannot lie about a real provider: a planted mirror whose provider cannot be used
 * (a damaged packed zip, a provider that says another version than its folder) and a machine
 * without the real AWS 5 must each be a problem that stops the stage under CI.
 */
async function realProviderMutations() {
  const planted = join(BUILD, "planted");
  rmSync(planted, { recursive: true, force: true });
  const at = join(planted, "registry.terraform.io", "hashicorp", "aws");
  mkdirSync(join(at, "5.100.0", TARGET), { recursive: true });
  writeFileSync(join(at, `terraform-provider-aws_5.99.0_${TARGET}.zip`), "not a zip");
  const exe = join(at, "5.100.0", TARGET, "terraform-provider-aws_v5.100.0_x5");
  writeFileSync(exe, "#!/bin/sh\necho 'Starting github.com/hashicorp/terraform-provider-aws@5.99.1 (go)...'\nexec sleep 30\n", { mode: 0o755 });
  const cases = [
    ["a damaged packed zip", [{ source: "hashicorp/aws", version: "5.99.0", zip: join(at, `terraform-provider-aws_5.99.0_${TARGET}.zip`) }], /the packed mirror's zip could not be unpacked/],
    ["a provider that says another version", [{ source: "hashicorp/aws", version: "5.100.0", dir: join(at, "5.100.0", TARGET) }], /says it is 5\.99\.1, not the 5\.100\.0 its folder names/],
    ["no real AWS 5 under CI", [], /no real hashicorp\/aws for "~> 5\.0"/],
  ];
  for (const [name, found, expect] of cases) {
    const start = Date.now();
    const { chosen, problems } = chooseRealProviders(found, new Map([["hashicorp/aws", new Set(["~> 5.0"])]]), REQUIRED_UNDER_CI);
    const servers = await startRealProviders(chosen, { buildDir: join(planted, "build") });
    servers.stop();
    const verdict = realProviderVerdict([...problems, ...servers.problems], { ci: true, mirrors: [planted] });
    record(`mutation of the real providers, "${name}": stops the stage under CI with ${expect}`, verdict.fail && expect.test(verdict.message), `got ${verdict.message || "no problem"}`, seconds(start));
  }
  rmSync(planted, { recursive: true, force: true });
}

const failed = results.filter((r) => !r.ok).length;
console.log(`terraform stage: ${seconds(started)} in all`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
