/**
 * certificateLifecycle (docs/certificates.md): renewal without a gap, CA rotation by generation,
 * expiry checks in every plan, and the refusals of certificates you bring. The fixtures in
 * __tests__/fixtures/certificates are self-signed with fixed dates: ca-2099.pem (a CA until
 * 2099-01-01), ca-expired.pem (a CA that expired 2021-01-01), leaf-2098.pem (not a CA, until
 * 2098-06-30T12:00:00Z). Terraform's side (the order of a forced renewal, the warnings inside the
 * window and none outside) is the Terraform stage's (scripts/terraform/renewal.mjs, test-file.mjs).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AlbMtlsStackProps } from "../../stacks/alb-mtls-stack";
import { parseStacks } from "../../stacks/config";
import { TfJson, only, synthStack as synthAny } from "../helpers";

type Json = TfJson & { locals?: Record<string, string>; check?: Record<string, { assert: { condition: string; error_message: string }[] }> };
const synthStack = (props: AlbMtlsStackProps = {}, name?: string): Json => synthAny(props, name) as Json;
const FIXTURES = "__tests__/fixtures/certificates";
const CA_2099 = `${FIXTURES}/ca-2099.pem`;
const apps = { hello: { lambdaArn: "arn:aws:lambda:ap-northeast-1:111122223333:function:hello" }, wiki: { lambdaArn: "arn:aws:lambda:ap-northeast-1:111122223333:function:wiki" } };
const window = (json: Json, name: string) => /timeadd\(plantimestamp\(\), "(\d+)h"\)/.exec(json.check![name].assert[0].condition)?.[1];

describe("certificateLifecycle off (the reference's lifecycle, the default)", () => {
  const json = synthStack();
  it("writes no check and no early renewal, and re-creates the hostname setting with the certificate", () => {
    expect(json.check).toBeUndefined();
    expect(only(json, "tls_locally_signed_cert").body.early_renewal_hours).toBeUndefined();
    expect(only(json, "cloudflare_authenticated_origin_pulls_certificate").body.lifecycle).toBeUndefined();
    expect(only(json, "cloudflare_authenticated_origin_pulls").body.lifecycle).toEqual({
      replace_triggered_by: ["cloudflare_authenticated_origin_pulls_certificate.cloudflare_zone_origin_pulls_certificate"],
    });
    expect(only(json, "aws_s3_object").body.key).toBe("root_ca.crt");
  });
});

describe("certificateLifecycle: true (generated certificates, Cloudflare 4.52)", () => {
  const json = synthStack({ certificateLifecycle: true });

  it("renews the client certificate at two thirds of its life on any apply", () => {
    expect(only(json, "tls_locally_signed_cert").body).toMatchObject({ validity_period_hours: 17520, early_renewal_hours: 5840 });
    expect(json.resource.tls_self_signed_cert.client_cert_root.early_renewal_hours).toBeUndefined(); // a CA rotates by generation
  });

  it("uploads the new Cloudflare certificate before deleting the old, after the trust store, and waits up to 10 minutes for it", () => {
    expect(only(json, "cloudflare_authenticated_origin_pulls_certificate").body).toMatchObject({
      lifecycle: { create_before_destroy: true, replace_triggered_by: ["tls_locally_signed_cert.client_cert_client"] },
      timeouts: { create: "10m" },
      depends_on: ["aws_lb_trust_store.client_cert_trust_store"],
    });
  });

  it("moves the hostname's setting to the new certificate in place: no replace_triggered_by, whose delete would switch origin pulls off", () => {
    const setting = only(json, "cloudflare_authenticated_origin_pulls").body;
    expect(setting.lifecycle).toBeUndefined();
    expect(setting.authenticated_origin_pulls_certificate).toBe("${cloudflare_authenticated_origin_pulls_certificate.cloudflare_zone_origin_pulls_certificate.id}");
  });

  it("names the CA bundle's S3 key after its content, so the trust store re-reads a new bundle", () => {
    expect(only(json, "aws_s3_object").body).toMatchObject({
      key: "ca-bundle-${substr(sha256(tls_self_signed_cert.client_cert_root.cert_pem), 0, 16)}.pem",
      lifecycle: { create_before_destroy: true },
    });
    expect(only(json, "aws_lb_trust_store").body.ca_certificates_bundle_s3_key).toBe("${aws_s3_object.client_cert_root_ca_object.key}");
  });

  it("warns in every plan 30 days before the client certificate or the CA expires, at the plan's time, naming what to run", () => {
    expect(Object.keys(json.check!).sort()).toEqual(["ca_expiry", "client_certificate_expiry"]);
    const client = json.check!.client_certificate_expiry.assert[0];
    expect(client.condition).toBe('${(timecmp(tls_locally_signed_cert.client_cert_client.validity_end_time, timeadd(plantimestamp(), "720h")) == 1)}');
    expect(client.error_message).toContain("expires at ${tls_locally_signed_cert.client_cert_client.validity_end_time}");
    expect(client.error_message).toContain("terraform apply -replace=tls_locally_signed_cert.client_cert_client");
    expect(json.check!.ca_expiry.assert[0].error_message).toContain("add generation 2 to certificateLifecycle.trustedCaGenerations");
  });

  it("takes the renewal and warning windows", () => {
    const j = synthStack({ certificateLifecycle: { clientRenewalHours: 2000, warningDays: 45 } });
    expect(only(j, "tls_locally_signed_cert").body.early_renewal_hours).toBe(2000);
    expect(window(j, "client_certificate_expiry")).toBe("1080");
  });

  it("with applications, every hostname's setting moves in place", () => {
    const j = synthStack({ certificateLifecycle: true, applications: apps }, "apps");
    const settings = Object.values(j.resource.cloudflare_authenticated_origin_pulls);
    expect(settings).toHaveLength(2);
    for (const s of settings) expect(s.lifecycle).toBeUndefined();
    const off = synthStack({ applications: apps }, "apps");
    for (const s of Object.values(off.resource.cloudflare_authenticated_origin_pulls)) expect(s.lifecycle.replace_triggered_by).toHaveLength(1);
  });
});

describe("CA rotation by generation", () => {
  it("old + new: the bundle lists both, the new one signs the client certificate", () => {
    const j = synthStack({ certificateLifecycle: { caGeneration: 2, trustedCaGenerations: [1, 2] } });
    expect(Object.keys(j.resource.tls_self_signed_cert).sort()).toEqual(["client_cert_root", "client_cert_root_g2"]);
    expect(j.resource.tls_self_signed_cert.client_cert_root_g2.subject[0].common_name).toBe("Root CA G2");
    expect(only(j, "tls_locally_signed_cert").body.ca_cert_pem).toBe("${tls_self_signed_cert.client_cert_root_g2.cert_pem}");
    expect(only(j, "aws_s3_object").body.content).toBe('${join("", [tls_self_signed_cert.client_cert_root.cert_pem, tls_self_signed_cert.client_cert_root_g2.cert_pem])}');
    expect(Object.keys(j.check!).sort()).toEqual(["ca_expiry", "ca_g2_expiry", "client_certificate_expiry"]);
  });

  it("step 1 trusts the new CA while the old one still signs; new only drops generation 1", () => {
    const step1 = synthStack({ certificateLifecycle: { trustedCaGenerations: [1, 2] } });
    expect(only(step1, "tls_locally_signed_cert").body.ca_cert_pem).toBe("${tls_self_signed_cert.client_cert_root.cert_pem}");
    const last = synthStack({ certificateLifecycle: { caGeneration: 2 } });
    expect(Object.keys(last.resource.tls_self_signed_cert)).toEqual(["client_cert_root_g2"]);
    expect(only(last, "aws_s3_object").body.content).toBe("${tls_self_signed_cert.client_cert_root_g2.cert_pem}");
  });
});

describe("certificates you bring: dates read at synth", () => {
  it("the CA bundle's and the client certificate file's dates become literal checks", () => {
    const dir = mkdtempSync(join(tmpdir(), "alb-mtls-lifecycle-"));
    try {
      const key = join(dir, "client.key");
      writeFileSync(key, "-----BEGIN PRIVATE KEY-----\nnot a real key\n-----END PRIVATE KEY-----\n");
      const j = synthStack({
        certificates: { caBundleFile: CA_2099, originPullCertificateFile: `${FIXTURES}/leaf-2098.pem`, originPullPrivateKeyFile: key },
        certificateLifecycle: { warningDays: 60 },
      });
      expect(j.check!.ca_bundle_1_expiry.assert[0].condition).toBe('${(timecmp(local.ca_bundle_1_expiry_expires_at, timeadd(plantimestamp(), "1440h")) == 1)}');
      expect(j.locals).toMatchObject({ ca_bundle_1_expiry_expires_at: "2099-01-01T00:00:00Z", origin_pull_certificate_expiry_expires_at: "2098-06-30T12:00:00Z" });
      expect(j.check!.ca_bundle_1_expiry.assert[0].error_message).toContain(`CN=Lifecycle Test CA (certificate 1 of ${CA_2099})`);
      // The upload is replaced create-before-destroy; the key names the bundle's content.
      expect(only(j, "cloudflare_authenticated_origin_pulls_certificate").body.lifecycle).toEqual({ create_before_destroy: true });
      expect(only(j, "aws_s3_object").body.key).toMatch(/^ca-bundle-[0-9a-f]{16}\.pem$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a certificate given by ID: its expiry as given, no early renewal (Terraform does not upload it)", () => {
    const j = synthStack({ providers: "current", certificateLifecycle: { originPullCertificateExpiresAt: "2030-01-01T00:00:00Z" } });
    expect(j.locals!.origin_pull_certificate_expiry_expires_at).toBe("2030-01-01T00:00:00Z");
    expect(only(j, "tls_locally_signed_cert").body.early_renewal_hours).toBeUndefined();
    expect(j.check!.client_certificate_expiry.assert[0].error_message).toContain("set origin_pull_certificate_id to its ID");
  });
});

describe("refusals, each naming the file or prop", () => {
  const problems = (entry: object) => {
    try {
      parseStacks({ s: entry });
      return [];
    } catch (e) {
      return (e as { problems: string[] }).problems;
    }
  };

  it("a CA bundle that expired, is not a CA, or does not parse", () => {
    expect(problems({ certificates: { caBundleFile: `${FIXTURES}/ca-expired.pem` } })).toEqual([
      `stacks.s.certificates.caBundleFile: "${FIXTURES}/ca-expired.pem": CN=Expired Test CA expired on 2021-01-01T00:00:00.000Z`,
    ]);
    expect(problems({ certificates: { caBundleFile: `${FIXTURES}/leaf-2098.pem` } })[0]).toMatch(
      new RegExp(`^stacks\\.s\\.certificates\\.caBundleFile: "${FIXTURES}/leaf-2098.pem": CN=Lifecycle Test Client is not a CA certificate`),
    );
    const dir = mkdtempSync(join(tmpdir(), "alb-mtls-lifecycle-"));
    try {
      const garbled = join(dir, "garbled.pem");
      writeFileSync(garbled, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
      expect(problems({ certificates: { caBundleFile: garbled } })[0]).toMatch(new RegExp(`^stacks\\.s\\.certificates\\.caBundleFile: "${garbled}": certificate 1 of 1 does not parse`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an expired client certificate file", () => {
    const p = problems({ certificates: { caBundleFile: CA_2099, originPullCertificateFile: `${FIXTURES}/ca-expired.pem`, originPullPrivateKeyFile: `${FIXTURES}/ca-expired.pem` } });
    expect(p).toContain(`stacks.s.certificates.originPullCertificateFile: "${FIXTURES}/ca-expired.pem": CN=Expired Test CA expired on 2021-01-01T00:00:00.000Z`);
  });

  it("options that do not fit the certificates", () => {
    expect(problems({ certificateLifecycle: { caGeneration: 2, trustedCaGenerations: [1, 3] } })).toEqual([
      "stacks.s.certificateLifecycle.trustedCaGenerations: [1,3] must include caGeneration 2, the CA that signs the client certificate",
    ]);
    expect(problems({ certificates: { caBundleFile: CA_2099 }, certificateLifecycle: { caGeneration: 2 } })[0]).toMatch(/caGeneration: applies to the CA Terraform generates/);
    expect(problems({ providers: "current", certificateLifecycle: { clientRenewalHours: 100 } })[0]).toMatch(/clientRenewalHours: applies to the client certificate Terraform generates and uploads/);
    expect(problems({ certificateLifecycle: { originPullCertificateExpiresAt: "2030-01-01T00:00:00Z" } })[0]).toMatch(/originPullCertificateExpiresAt: applies to a certificate given by ID/);
    expect(problems({ certificateLifecycle: { clientRenewalHours: 17520, warningDays: 0 } })).toEqual([
      "stacks.s.certificateLifecycle.clientRenewalHours: expected a whole number from 1 to 17519, got the number 17520",
      "stacks.s.certificateLifecycle.warningDays: expected a whole number from 1 to 3650, got the number 0",
    ]);
  });
});
