/**
 * The Terraform stage's certificate checks (docs/certificates.md): the test file gives the dates
 * the expiry checks read (outside the window in every run, inside it in "expiry_warnings", which
 * expects each check to warn), and the renewal step refuses a plan that would leave a hostname
 * without a client certificate. Terraform runs them in `npm run terraform:check`; these cases show
 * that the step's judgement can fail.
 */
import { renewalProblems, renewalSubject, rotationProblems } from "../../scripts/terraform/renewal.mjs";
import { expiryChecks, testFile } from "../../scripts/terraform/test-file.mjs";

const CERT = "cloudflare_authenticated_origin_pulls_certificate";
const config = {
  resource: {
    tls_locally_signed_cert: { client_cert_client: {} },
    [CERT]: { z: { lifecycle: { create_before_destroy: true, replace_triggered_by: ["tls_locally_signed_cert.client_cert_client"] } } },
  },
  locals: { ca_bundle_1_expiry_expires_at: "2027-01-01T00:00:00Z" },
  check: {
    client_certificate_expiry: { assert: [{ condition: '${(timecmp(tls_locally_signed_cert.client_cert_client.validity_end_time, timeadd(plantimestamp(), "720h")) == 1)}' }] },
    ca_bundle_1_expiry: { assert: [{ condition: '${(timecmp(local.ca_bundle_1_expiry_expires_at, timeadd(plantimestamp(), "720h")) == 1)}' }] },
  },
};

describe("expiry checks in the test file", () => {
  it("finds what each check reads, and whether a date given at synth is inside its window", () => {
    expect(expiryChecks(config, Date.parse("2026-06-01T00:00:00Z"))).toEqual([
      { name: "client_certificate_expiry", dates: [{ type: "tls_locally_signed_cert", name: "client_cert_client", attribute: "validity_end_time" }], literalInWindow: false },
      { name: "ca_bundle_1_expiry", dates: [], literalInWindow: false },
    ]);
    expect(expiryChecks(config, Date.parse("2026-12-15T00:00:00Z"))[1].literalInWindow).toBe(true);
  });

  it("gives the dates at plan time and expects the warnings only in the run inside the window", () => {
    const file = testFile({ ...config, locals: { ca_bundle_1_expiry_expires_at: "2099-01-01T00:00:00Z" } }, {}, () => undefined);
    expect(file).toContain("override_resource {\n  target          = tls_locally_signed_cert.client_cert_client\n  override_during = plan");
    const runs = file.split(/^run /m).slice(1);
    expect(runs.map((r) => r.split(" ")[0])).toEqual(['"plan"', '"expiry_warnings"', '"apply"']);
    expect(runs[0]).not.toContain("expect_failures");
    expect(runs[1]).toContain("expect_failures = [check.client_certificate_expiry]");
    // A date you bring that is inside its window warns in every plan: each run expects it.
    const soon = testFile({ ...config, locals: { ca_bundle_1_expiry_expires_at: new Date(Date.now() + 86400_000).toISOString() } }, {}, () => undefined);
    expect(soon.split(/^run /m)[1]).toContain("expect_failures = [check.ca_bundle_1_expiry]");
  });
});

describe("the forced renewal's order", () => {
  const subject = renewalSubject(config)!;
  const output = (changes: [string, string, string[]][]) =>
    JSON.stringify({ type: "test_plan", "@testrun": "renew", test_plan: { resource_changes: changes.map(([type, name, actions]) => ({ address: `${type}.${name}`, type, change: { actions } })) } });
  const issuer: [string, string, string[]] = ["tls_locally_signed_cert", "client_cert_client", ["create", "delete"]];

  it("accepts: new certificate first, the hostname's setting updated in place", () => {
    expect(subject).toEqual({ certificate: `${CERT}.z`, issuer: "tls_locally_signed_cert.client_cert_client" });
    expect(renewalProblems(output([issuer, [CERT, "z", ["create", "delete"]], ["cloudflare_authenticated_origin_pulls", "h", ["update"]]]), subject)).toEqual([]);
  });

  it("refuses the reference's order: old certificate deleted first, the setting re-created (origin pulls off in between)", () => {
    const problems = renewalProblems(output([issuer, [CERT, "z", ["delete", "create"]], ["cloudflare_authenticated_origin_pulls", "h", ["delete", "create"]]]), subject);
    expect(problems).toEqual([
      `${CERT}.z: expected create (new) then delete (old), planned delete,create`,
      "cloudflare_authenticated_origin_pulls.h: planned delete,create; it must be updated in place (a delete switches origin pulls off for its hostname)",
      "no cloudflare_authenticated_origin_pulls moves to the new certificate (none is updated)",
    ]);
  });

  it("refuses a plan where the certificate does not change", () => {
    expect(renewalProblems(output([issuer, ["cloudflare_authenticated_origin_pulls", "h", ["no-op"]]]), subject)[0]).toMatch(/planned no change/);
  });
});

describe("the CA rotation's steps", () => {
  const plan = (run: string, changes: [string, string[]][]) =>
    JSON.stringify({ type: "test_plan", "@testrun": run, test_plan: { resource_changes: changes.map(([address, actions]) => ({ address, type: address.split(".")[0], change: { actions } })) } });
  const steps = [{ name: "trust", variant: "v", expect: { "tls_self_signed_cert.client_cert_root_g2": "create", "tls_self_signed_cert.client_cert_root": "no-op" } }];

  it("accepts a step that changes what it should", () => {
    const out = plan("trust_plan", [["tls_self_signed_cert.client_cert_root_g2", ["create"]], ["tls_self_signed_cert.client_cert_root", ["no-op"]]]);
    expect(rotationProblems(out, steps)).toEqual([]);
  });

  it("refuses a step that replaces the old CA or deletes anything else", () => {
    const out = plan("trust_plan", [
      ["tls_self_signed_cert.client_cert_root_g2", ["create"]],
      ["tls_self_signed_cert.client_cert_root", ["delete", "create"]],
      ["aws_lb_trust_store.client_cert_trust_store", ["create", "delete"]],
    ]);
    expect(rotationProblems(out, steps)).toEqual([
      "step trust: tls_self_signed_cert.client_cert_root planned delete,create, expected no-op",
      "step trust: aws_lb_trust_store.client_cert_trust_store planned create,delete, which the step must not touch",
    ]);
    expect(rotationProblems("", steps)).toEqual(["step trust: no plan in the output"]);
  });
});
