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
import { join } from "node:path";

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
  const plans = output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l))
    .filter((m) => m.type === "test_plan" && m["@testrun"] === "renew");
  if (plans.length !== 1) return [`expected the plan of run "renew" in the output, found ${plans.length}`];
  const changes = plans[0].test_plan.resource_changes ?? [];
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

/**
 * The Terraform stage's step for one stack (check.mjs, after its mocked plan and apply passed in
 * `dir`): undefined when the stack has no gapless renewal, else { ok, detail, what }.
 * `terraform(argv)` runs Terraform in `dir` with the stack's providers and resolves { code, out }.
 */
export async function checkRenewal(config, dir, terraform) {
  const subject = renewalSubject(config);
  if (!subject) return undefined;
  writeRenewalTest(dir, readFileSync(join(dir, "tests", "check.tftest.hcl"), "utf8"), subject);
  const r = await terraform(RENEWAL_TEST_ARGS);
  const problems = r.code === 0 ? renewalProblems(r.out, subject) : [`terraform test failed:\n${r.out.split("\n").filter((l) => !l.startsWith("{")).join("\n")}${r.out.slice(-2000)}`];
  return { ok: problems.length === 0, detail: problems.join("\n"), what: `forced renewal (-replace=${subject.issuer}) plans ${subject.certificate} create-before-destroy, every origin-pull setting in place` };
}
