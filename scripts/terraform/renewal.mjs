// Renewal without a gap, as a mocked plan shows it (docs/certificates.md). For each stack whose
// Cloudflare origin-pull certificate is replaced create-before-destroy when the TLS certificate
// that issues it is (the option certificateLifecycle), a second `terraform test` file builds a
// state with an apply run, then plans a forced renewal (`plan_options { replace = [the TLS client
// certificate] }`, as `terraform apply -replace=…` would). The plan (`terraform test -json
// -verbose`) must show the Cloudflare certificate created before the old one is deleted, and each
// hostname's origin-pull setting updated in place: never deleted (its delete switches origin pulls
// off for the hostname) nor re-created. Mock providers plan no replacement of their own (the
// certificate's `replace_triggered_by` names the TLS certificate for that), so this checks the
// order Terraform gives the lifecycle the stack writes, not the provider's behaviour.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";

const CERTIFICATE = "cloudflare_authenticated_origin_pulls_certificate";
const SETTING = "cloudflare_authenticated_origin_pulls";

/** The TLS certificate whose replacement a stack's gapless origin-pull certificate follows, or undefined. */
export function renewalSubject(config) {
  for (const [name, cert] of Object.entries(config.resource?.[CERTIFICATE] ?? {})) {
    const trigger = cert.lifecycle?.create_before_destroy && cert.lifecycle.replace_triggered_by?.find((t) => t.startsWith("tls_locally_signed_cert."));
    if (trigger) return { certificate: `${CERTIFICATE}.${name}`, issuer: trigger };
  }
  return undefined;
}

/** Writes `tests-renewal/renewal.tftest.hcl` in a stack's work folder, after its main test file (same mocks and variables). */
export function writeRenewalTest(dir, mainTestFile, subject) {
  const shared = mainTestFile.split(/^run "/m)[0];
  const runs = `run "build" {\n  command = apply\n}\n\nrun "renew" {\n  command = plan\n  plan_options {\n    replace = [${subject.issuer}]\n  }\n}\n`;
  mkdirSync(join(dir, "tests-renewal"), { recursive: true });
  writeFileSync(join(dir, "tests-renewal", "renewal.tftest.hcl"), `${shared}${runs}`);
}

export const RENEWAL_TEST_ARGS = ["test", "-no-color", "-json", "-verbose", "-test-directory=tests-renewal"];

/**
 * What is wrong with the renewal plan in `terraform test -json -verbose` output (empty when it is
 * gap-free): the run "renew" must plan the certificate ["create", "delete"], every origin-pull
 * setting an in-place update (or no change), and no delete of any other Cloudflare resource.
 */
export function renewalProblems(output, subject) {
  const changes = plansByRun(output).renew;
  if (!changes) return ['no plan of run "renew" in the output'];
  const problems = [];
  const actions = (address) => changes.find((c) => c.address === address)?.change.actions.join(",");
  if (actions(subject.issuer) !== "create,delete") problems.push(`${subject.issuer}: expected a create-before-destroy replacement, planned ${actions(subject.issuer)}`);
  if (actions(subject.certificate) !== "create,delete") {
    problems.push(`${subject.certificate}: expected create (new) then delete (old), planned ${actions(subject.certificate) ?? "no change"}`);
  }
  const settings = changes.filter((c) => c.type === SETTING);
  if (!settings.length) problems.push(`no ${SETTING} in the plan`);
  for (const c of settings) {
    const a = c.change.actions.join(",");
    if (a !== "update" && a !== "no-op") problems.push(`${c.address}: planned ${a}; it must be updated in place (a delete switches origin pulls off for its hostname)`);
  }
  if (!settings.some((c) => c.change.actions.join(",") === "update")) problems.push(`no ${SETTING} moves to the new certificate (none is updated)`);
  for (const c of changes.filter((c) => c.type.startsWith("cloudflare_") && c.type !== CERTIFICATE && c.type !== SETTING)) {
    if (c.change.actions.includes("delete")) problems.push(`${c.address}: planned ${c.change.actions.join(",")} during a renewal`);
  }
  return problems;
}

/** The plans of a `terraform test -json -verbose` output, by run name: each run's resource changes. */
function plansByRun(output) {
  const plans = {};
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    const m = JSON.parse(line);
    if (m.type === "test_plan") plans[m["@testrun"]] = m.test_plan.resource_changes ?? [];
  }
  return plans;
}

/** Terraform's own messages of a failed `terraform test -json` run (its JSON lines' `@message`s), and the end of the output. */
function failure(out) {
  const messages = out
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l))
    .filter((m) => m["@level"] === "error")
    .map((m) => `${m["@message"]}${m.diagnostic?.detail ? `: ${m.diagnostic.detail}` : ""}`);
  return `terraform test failed:\n${messages.join("\n") || out.slice(-3000)}`;
}

/**
 * CA rotation by generation (docs/certificates.md), as three ordinary applies on one state: the
 * variants `v-ca-rotation-start` (generation 1), `-trust` (trust 1 and 2), `-both` (2 signs, 1 and
 * 2 trusted) and `-new` (2 only). Each step's plan must change only what the docs say it does.
 * A mock provider plans no replacement of its own: an argument that forces one (the bundle's key,
 * the client certificate's CA) shows as an update here.
 */
export const ROTATION_STEPS = [
  {
    name: "trust",
    variant: "v-ca-rotation-trust",
    expect: {
      "tls_private_key.client_cert_root_key_g2": "create",
      "tls_self_signed_cert.client_cert_root_g2": "create",
      "aws_lb_trust_store.client_cert_trust_store": "update",
      "tls_self_signed_cert.client_cert_root": "no-op",
      "tls_locally_signed_cert.client_cert_client": "no-op",
      [`${CERTIFICATE}.cloudflare_zone_origin_pulls_certificate`]: "no-op",
    },
  },
  {
    name: "both",
    variant: "v-ca-rotation-both",
    expect: {
      "tls_locally_signed_cert.client_cert_client": "update",
      [`${CERTIFICATE}.cloudflare_zone_origin_pulls_certificate`]: "create,delete",
      [`${SETTING}.cloudflare_zone_origin_pulls`]: "update",
      "aws_lb_trust_store.client_cert_trust_store": "no-op",
      "tls_self_signed_cert.client_cert_root": "no-op",
      "tls_self_signed_cert.client_cert_root_g2": "no-op",
    },
  },
  {
    name: "new",
    variant: "v-ca-rotation-new",
    expect: {
      "tls_private_key.client_cert_root_key": "delete",
      "tls_self_signed_cert.client_cert_root": "delete",
      "aws_lb_trust_store.client_cert_trust_store": "update",
      "tls_self_signed_cert.client_cert_root_g2": "no-op",
      "tls_locally_signed_cert.client_cert_client": "no-op",
      [`${CERTIFICATE}.cloudflare_zone_origin_pulls_certificate`]: "no-op",
    },
  },
];
export const ROTATION_START = "v-ca-rotation-start";

/** The attributes a planned change changes, for a message: ` (changes a, b)`. */
function changed(c) {
  if (!c?.change.before || !c.change.after) return "";
  const { before, after, after_unknown: unknown = {} } = c.change;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => unknown[k] === true || JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return keys.length ? ` (changes ${keys.join(", ")})` : "";
}

/** What is wrong with each step's plan (empty when each changes what it should and deletes nothing else). */
export function rotationProblems(output, steps = ROTATION_STEPS) {
  const plans = plansByRun(output);
  const problems = [];
  for (const step of steps) {
    const changes = plans[`${step.name}_plan`];
    if (!changes) {
      problems.push(`step ${step.name}: no plan in the output`);
      continue;
    }
    const actions = (address) => changes.find((c) => c.address === address)?.change.actions.join(",") ?? "absent";
    for (const [address, want] of Object.entries(step.expect)) {
      if (actions(address) !== want) problems.push(`step ${step.name}: ${address} planned ${actions(address)}, expected ${want}${changed(changes.find((c) => c.address === address))}`);
    }
    const deletes = changes.filter((c) => c.change.actions.includes("delete") && !(c.address in step.expect) && c.type !== "aws_s3_object");
    for (const c of deletes) problems.push(`step ${step.name}: ${c.address} planned ${c.change.actions.join(",")}, which the step must not touch`);
  }
  return problems;
}

/** Writes the rotation's test file in the start stack's work folder: each step's configuration planned, then applied, on one state. */
function writeRotationTest(dir, config, mainTestFile, synthDir, configs) {
  // Every step's checked dates, given at plan time, beside the start's mocks and variables.
  const shared = mainTestFile.split(/^run "/m)[0];
  const overridesOf = (file) => file.split(/^run "/m)[0].match(/^override_resource \{\n.*\n[\s\S]*?^\}\n/gm) ?? [];
  // An override's second line names its target: one override per target.
  const extra = new Map();
  for (const o of configs.flatMap((c) => overridesOf(c.testFile))) {
    const target = o.split("\n")[1];
    if (!shared.includes(target) && !extra.has(target)) extra.set(target, o);
  }
  const run = (name, command, source) =>
    `run "${name}" {\n  command   = ${command}\n  state_key = "rotation"\n${source ? `  module {\n    source = "${source}"\n  }\n` : ""}}\n`;
  const steps = ROTATION_STEPS.flatMap((step) => {
    const source = `./${relative(dir, join(dirname(synthDir), step.variant))}`.replace(/^\.\/\.\.\//, "../");
    return [run(`${step.name}_plan`, "plan", source), run(step.name, "apply", source)];
  });
  // A mock makes up a data source's values at every plan: the zone's ID would change at each step.
  const zones = Object.keys(config.data?.cloudflare_zone ?? {}).map(
    (name) => `override_data {\n  target = data.cloudflare_zone.${name}\n  values = {\n    id         = "0123456789abcdef0123456789abcdef"\n    account_id = "fedcba9876543210fedcba9876543210"\n  }\n}\n`,
  );
  mkdirSync(join(dir, "tests-rotation"), { recursive: true });
  writeFileSync(join(dir, "tests-rotation", "rotation.tftest.hcl"), [shared, ...extra.values(), ...zones, run("start", "apply"), ...steps].join("\n"));
}

/**
 * The Terraform stage's steps for one stack (check.mjs, after its mocked plan and apply passed in
 * `dir`): [] when none applies, else one { ok, detail, what } each: the forced renewal, and for the
 * rotation's start variant the CA rotation. `terraform(argv)` runs Terraform in `dir` with the
 * stack's providers and resolves { code, out }; `synthDir` is the stack's synthesized folder
 * (its siblings are the other variants); `testFileOf(name)` the test file of a sibling.
 */
export async function checkRenewal(config, dir, terraform, synthDir, testFileOf) {
  const results = [];
  const subject = renewalSubject(config);
  if (!subject) return results;
  const mainTestFile = readFileSync(join(dir, "tests", "check.tftest.hcl"), "utf8");
  writeRenewalTest(dir, mainTestFile, subject);
  const r = await terraform(RENEWAL_TEST_ARGS);
  const problems = r.code === 0 ? renewalProblems(r.out, subject) : [failure(r.out)];
  results.push({ ok: problems.length === 0, detail: problems.join("\n"), what: `forced renewal (-replace=${subject.issuer}) plans ${subject.certificate} create-before-destroy, every origin-pull setting in place` });
  if (synthDir && basename(synthDir) === ROTATION_START && testFileOf) {
    writeRotationTest(dir, config, mainTestFile, synthDir, ROTATION_STEPS.map((s) => ({ testFile: testFileOf(s.variant) })));
    const init = await terraform(["init", "-backend=false", "-input=false", "-no-color", "-test-directory=tests-rotation"]);
    const test = init.code === 0 ? await terraform(["test", "-no-color", "-json", "-verbose", "-test-directory=tests-rotation"]) : init;
    const rotation = test.code === 0 ? rotationProblems(test.out) : [init.code === 0 ? failure(test.out) : `terraform init failed:\n${init.out}`];
    results.push({ ok: rotation.length === 0, detail: rotation.join("\n"), what: "CA rotation: trust the new CA, move the client certificate, drop the old CA, each an apply on one state, each plan changing only its step's resources" });
  }
  return results;
}
