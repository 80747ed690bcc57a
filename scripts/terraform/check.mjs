// The Terraform stage: real Terraform is the judge of every stack the project ships or documents,
// and of a matrix of variants that uses every option and target kind (variants.mjs).
//
// For each stack: `terraform init -backend=false`, `terraform validate`, and `terraform test`
// with `mock_provider` for every provider, running a plan and an apply with example variables.
// Then mutations of a synthesized stack, each of which must fail for its stated reason, show
// that the check can fail. Providers: the real ones from a local mirror where they fit
// (TF_PROVIDER_MIRROR, else /opt/tf-plugins), else schema-only stand-ins built from the prebuilt
// bindings (provider-mirror.mjs); the report says which is which. See docs/terraform-check.md.
//
//   node scripts/terraform/check.mjs [--only stack,…] [--no-mutations] [--keep]
//   (npm run terraform:check)
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { buildMirror, installedBindings, realMirrorDirs, requiredProviders, satisfies, schemaFile, selfSignedCertificate, usedTypes } from "./provider-mirror.mjs";
import { schemaDifferences } from "./compare-schema.mjs";
import { startRealProviders, startStandIns } from "./standin-servers.mjs";
import { EXAMPLE_VARIABLES, VARIANTS } from "./variants.mjs";
import { MUTATIONS } from "./mutations.mjs";
import { testFile } from "./test-file.mjs";
import { checkRenewal } from "./renewal.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BUILD = join(ROOT, ".build", "terraform");
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith("--only="))?.slice(7).split(",");
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

/**
 * The entries the docs teach a team to write: the ```ts blocks of each page that name their file
 * on their first line (`// myapp/main.ts`), on pages where one of them is a main.ts. Each page's
 * files go to a folder of their own at the top of the project (`.terraform-check-<page>/`, for
 * `myapp/`, which is the team's), so they import the project as the docs show.
 */
function documentedEntries() {
  const out = [];
  for (const page of readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md"))) {
    const files = {};
    for (const [, code] of readFileSync(join(ROOT, "docs", page), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)) {
      const name = /^\/\/ (\S+\.ts)\b/.exec(code)?.[1];
      if (name) files[name] = code;
    }
    const main = Object.keys(files).find((f) => f.endsWith("main.ts"));
    if (!main) continue;
    const folder = main.split("/")[0];
    const group = `docs-${page.replace(/\.md$/, "")}`;
    const dir = join(ROOT, `.terraform-check-${group}`);
    rmSync(dir, { recursive: true, force: true });
    for (const [name, code] of Object.entries(files)) {
      const file = join(dir, relative(folder, name));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, code.replaceAll(`"${folder}/`, `"${relative(ROOT, dir)}/`));
    }
    out.push({ group, dir, entry: join(relative(ROOT, dir), relative(folder, main)) });
  }
  return out;
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

const documented = documentedEntries();
const synths = [
  { group: "shipped", argv: [] },
  { group: "example", argv: ["examples/typescript/main.ts"] },
  { group: "variant", argv: [], context: { stacks: variants } },
  ...documented.map((d) => ({ group: d.group, argv: [d.entry] })),
];
let t = Date.now();
// The first builds what the others reuse (scripts/build.mjs); then the rest side by side.
const synthOne = async ({ group, argv, context }) => {
  const env = { CDKTF_OUTDIR: join(BUILD, "synth", group), ...(context ? { CDKTF_CONTEXT_JSON: JSON.stringify(context) } : {}) };
  const r = await run(process.execPath, ["scripts/app.mjs", ...argv], { env });
  if (r.code !== 0) throw new Error(`synth of ${group} stacks failed:\n${r.out}`);
};
await synthOne(synths[0]);
try {
  await Promise.all(synths.slice(1).map(synthOne));
} finally {
  for (const d of documented) rmSync(d.dir, { recursive: true, force: true });
}
const allStacks = synths.flatMap(({ group }) => {
  const dir = join(BUILD, "synth", group, "stacks");
  return readdirSync(dir).map((name) => ({ group, name, dir: join(dir, name), config: JSON.parse(readFileSync(join(dir, name, "cdk.tf.json"), "utf8")) }));
});
const stacks = allStacks.filter((s) => !only || only.includes(s.name));
// The mutations start from the reference stack, whatever --only says.
const mutationBase = allStacks.find((s) => s.group === "shipped" && s.name === "article");
console.log(`terraform: Terraform ${terraformVersion}; synthesized ${stacks.length} stacks in ${seconds(t)}`);

// ---- 2. providers ---------------------------------------------------------------------------------
t = Date.now();
const configs = stacks.map((s) => s.config);
if (!configs.length && args.includes("--no-mutations")) throw new Error("nothing to check: --only names no stack");
const real = await buildMirror({ buildDir: join(BUILD, "real"), configs, realMirrors: realMirrorDirs() });
// The real providers, started once for all their validations (a real provider of a version that
// a stack's constraints do not fit is still installed from the mirror for that stack).
const realServers = await startRealProviders(real.report, join(BUILD, "sockets"));
process.on("exit", () => {
  realServers.stop();
  rmSync(join(BUILD, "sockets"), { recursive: true, force: true });
});
for (const address of Object.keys(realServers.reattach)) console.log(`  ${address}: the real provider, started once and attached to by every real-provider validation`);
// Mocked plans and the variants need only schemas: a real provider's is read once from the real
// provider itself (below) and served by a stand-in, so no run waits for a large provider to start.
const captured = await captureRealSchemas(real, realServers.reattach);
const mutated = args.includes("--no-mutations")
  ? []
  : MUTATIONS.map((m) => {
      const config = JSON.parse(JSON.stringify(mutationBase.config));
      m.mutate(config);
      return { ...m, base: mutationBase, config };
    });
const schemaOnly = await startStandIns({ buildDir: join(BUILD, "schema"), configs: [...configs, ...mutated.map((m) => m.config)], captured });
process.on("exit", () => schemaOnly.stop());
console.log(`terraform: providers ready in ${seconds(t)}`);
for (const p of real.report) {
  const standIn = schemaOnly.report.find((s) => s.source === p.source && s.constraint === p.constraint);
  const what =
    p.kind === "real"
      ? `real (${p.from}); the mocked plans and the variants get its own schema from a stand-in`
      : p.from.endsWith("-empty")
        ? "stand-in with no resource types (no binding installed; the reference declares it for its lock file only)"
        : `stand-in serving the schema of ${p.from}`;
  console.log(`  ${p.source} ${p.constraint}: ${p.version}, ${what}${standIn && standIn.version !== p.version ? ` [stand-in ${standIn.version}]` : ""}`);
}

/**
 * Each real provider's schema, read with `terraform providers schema -json` in a folder that uses
 * it; kept in .build/terraform/real-schemas, keyed by the provider file's path, size and time.
 */
async function captureRealSchemas(mirror, attached) {
  const reals = mirror.report.filter((p) => p.kind === "real");
  const out = {};
  const cacheDir = join(BUILD, "real-schemas");
  mkdirSync(cacheDir, { recursive: true });
  const cacheFile = (p) => {
    const stat = statSync(p.from, { throwIfNoEntry: false }) ?? {};
    return join(cacheDir, `${p.source.replace("/", "_")}-${p.version}-${createHash("sha256").update(`${p.from}|${stat.size}|${stat.mtimeMs}`).digest("hex").slice(0, 12)}.json`);
  };
  const missing = reals.filter((p) => {
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
  const env = { TF_CLI_CONFIG_FILE: mirror.rc, TF_REATTACH_PROVIDERS: JSON.stringify(attached) };
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
  writeFileSync(join(dir, "tests", "check.tftest.hcl"), testFile(config, EXAMPLE_VARIABLES, schemaOnly.resourceSchema));
  return dir;
}

/**
 * init, validate and test in `dir`; stops at the first failure. Returns { step, out } of it, or
 * undefined. `providers`: a CLI configuration (real mode) or a TF_REATTACH_PROVIDERS value.
 */
async function terraform(dir, providers, steps = ["init", "validate", "test"]) {
  const env = { TF_CLI_CONFIG_FILE: providers.rc ?? "/dev/null", TF_REATTACH_PROVIDERS: providers.reattach };
  const argv = {
    init: ["init", "-backend=false", "-input=false", "-no-color"],
    validate: ["validate", "-no-color"],
    test: ["test", "-no-color"],
  };
  for (const step of steps) {
    const r = await run("terraform", argv[step], { cwd: dir, env });
    if (r.code !== 0) return { step, out: r.out };
  }
  return undefined;
}

t = Date.now();
const realFor = (config) => {
  const out = {};
  for (const p of real.report.filter((r) => r.kind === "real")) {
    const address = `registry.terraform.io/${p.source}`;
    const constraints = requiredProviders([config]).get(p.source);
    if (realServers.reattach[address] && constraints && [...constraints].every((c) => satisfies(p.version, c))) out[address] = realServers.reattach[address];
  }
  return out;
};
// The real-provider validations first: they are the longest, and two cores pack better that way.
const jobs = stacks.flatMap((stack) => [
  { stack, mode: "schema" },
  // The stacks the project ships or documents are also validated with the real providers, whose
  // own argument checks (formats, enums, conflicts) then run too.
  ...(stack.group === "variant" ? [] : [{ stack, mode: "real" }]),
]).sort((a, b) => (a.mode === "real" ? 0 : 1) - (b.mode === "real" ? 0 : 1));
await pool(jobs, async ({ stack, mode }) => {
  const start = Date.now();
  const name = `${stack.group}/${stack.name}`;
  const dir = workDir(stack, `${stack.group}.${stack.name}.${mode}`);
  // Real mode: the real providers installed from the mirror; the others attached stand-ins, as
  // Terraform would start the same stand-in from the mirror, only slower.
  const failed =
    mode === "real"
      ? await terraform(dir, { rc: real.rc, reattach: schemaOnly.reattachFor(stack.config, realFor(stack.config)) }, ["init", "validate"])
      : await terraform(dir, { reattach: schemaOnly.reattachFor(stack.config) });
  const what = mode === "real" ? "init + validate, real providers where present" : "init + validate + mocked plan/apply";
  record(`${name}: ${what}`, !failed, failed && `terraform ${failed.step} failed:\n${failed.out}`, seconds(start));
  // Certificate renewal without a gap (renewal.mjs): a forced renewal on the state of an apply run.
  const renewalStart = Date.now();
  const env = { TF_CLI_CONFIG_FILE: "/dev/null", TF_REATTACH_PROVIDERS: schemaOnly.reattachFor(stack.config) };
  const sibling = (variant) => testFile(allStacks.find((s) => s.group === stack.group && s.name === variant).config, EXAMPLE_VARIABLES, schemaOnly.resourceSchema);
  const renewal = mode === "schema" && !failed ? await checkRenewal(stack.config, dir, (argv) => run("terraform", argv, { cwd: dir, env }), stack.dir, sibling) : [];
  for (const r of renewal) record(`${name}: ${r.what}`, r.ok, r.detail, seconds(renewalStart));
  if (!failed && !args.includes("--keep")) rmSync(dir, { recursive: true, force: true });
});
console.log(`terraform: ${jobs.length} stack checks in ${seconds(t)}`);

// ---- 5. the check can fail ------------------------------------------------------------------------
if (!args.includes("--no-mutations")) {
  t = Date.now();
  await pool(mutated, async (m) => {
    const start = Date.now();
    const { base, config } = m;
    const dir = workDir(base, `mutation.${m.name}`, config);
    const failed = await terraform(dir, { reattach: schemaOnly.reattachFor(config) });
    const ok = !!failed && failed.step === m.step && m.expect.test(failed.out);
    const got = failed ? `${failed.step}: ${errors(failed.out) || failed.out.slice(-500)}` : "every step passed";
    record(`mutation "${m.name}" fails at ${m.step} with ${m.expect}`, ok, `got ${got}`, seconds(start));
    if (!args.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  });
  console.log(`terraform: ${MUTATIONS.length} mutations in ${seconds(t)}`);
}

const failed = results.filter((r) => !r.ok).length;
console.log(`terraform stage: ${seconds(started)} in all`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
