import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import { AlbMtlsStack, AlbMtlsStackProps } from "../../stacks/alb-mtls-stack";
import { TfJson, only, ref, synthStack as synthAny } from "../helpers";
const CA_BUNDLE = "examples/certs/ca-bundle.pem";
const CRL = "examples/certs/revoked.crl.pem";

type Json = TfJson & { output: Record<string, { value: unknown; sensitive?: boolean }>; moved?: unknown; removed?: unknown };
const synthStack = (props: Partial<AlbMtlsStackProps> = {}): Json => synthAny(props) as Json;

const article = synthStack();
const archiveSource = (json: Json) => only(json, "archive_file", "data").body.source_file as string;

describe("mTLS modes", () => {
  it("verify (default): the trust store checks certificates, the echo backend answers", () => {
    expect(only(article, "aws_lb_listener").body.mutual_authentication).toEqual({
      mode: "verify",
      trust_store_arn: ref(article, "aws_lb_trust_store", "arn"),
    });
  });

  it("verify-only options reach the listener", () => {
    const json = synthStack({ mtls: { ignoreClientCertificateExpiry: true, advertiseTrustStoreCaNames: true } });
    expect(only(json, "aws_lb_listener").body.mutual_authentication).toMatchObject({
      mode: "verify",
      ignore_client_certificate_expiry: true,
      advertise_trust_store_ca_names: "on",
    });
  });

  it("passthrough: no trust store on the listener, the guard backend verifies against the CA bundle", () => {
    const json = synthStack({ mtls: { mode: "passthrough", allowedSerials: ["10F385C996E1A334"] } });
    expect(only(json, "aws_lb_listener").body.mutual_authentication).toEqual({ mode: "passthrough" });
    const env = only(json, "aws_lambda_function").body.environment.variables;
    expect(env).toEqual({
      MTLS_VERIFY: "true",
      MTLS_CA_BUNDLE: "${tls_self_signed_cert.client_cert_root.cert_pem}",
      MTLS_ALLOWED_SERIALS: '["10F385C996E1A334"]',
    });
    expect(archiveSource(json)).not.toBe(archiveSource(article)); // another handler: the guard
  });

  it("off: plain HTTPS, and synth warns", () => {
    const json = synthStack({ mtls: { mode: "off" }, originLockdown: true });
    expect(only(json, "aws_lb_listener").body.mutual_authentication).toEqual({ mode: "off" });
  });
});

describe("Cloudflare Access JWT at the origin", () => {
  it("gives the guard the team domain and the application's AUD tag", () => {
    const json = synthStack({ accessJwt: { teamDomain: "acme.cloudflareaccess.com" } });
    expect(only(json, "aws_lambda_function").body.environment.variables).toEqual({
      ACCESS_TEAM_DOMAIN: "acme.cloudflareaccess.com",
      ACCESS_AUD: ref(json, "cloudflare_zero_trust_access_application", "aud"),
    });
    expect(archiveSource(json)).not.toBe(archiveSource(article));
  });

  it("takes the team domain from a variable with `true`", () => {
    const json = synthStack({ accessJwt: true });
    expect(json.variable?.access_team_domain).toMatchObject({ type: "string" });
    expect(only(json, "aws_lambda_function").body.environment.variables.ACCESS_TEAM_DOMAIN).toBe("${var.access_team_domain}");
  });
});

describe("origin lock-down", () => {
  it("opens 443 only to Cloudflare's published IPv4 and IPv6 ranges", () => {
    const json = synthStack({ originLockdown: true });
    expect(json.data.cloudflare_ip_ranges).toBeDefined();
    const [ingress] = only(json, "aws_security_group").body.ingress;
    expect(ingress).toMatchObject({
      from_port: 443,
      to_port: 443,
      cidr_blocks: ref(json, "cloudflare_ip_ranges", "ipv4_cidr_blocks", "data"),
      ipv6_cidr_blocks: ref(json, "cloudflare_ip_ranges", "ipv6_cidr_blocks", "data"),
    });
  });
});

describe("bring your own certificates (no private key generated)", () => {
  const json = synthStack({ certificates: { caBundleFile: CA_BUNDLE }, mtls: { revocationLists: [CRL] } });

  it("generates no key or certificate and uploads the CA bundle file, copied into the stack folder", () => {
    expect(Object.keys(json.resource).filter((t) => t.startsWith("tls_"))).toEqual([]);
    const bundle = json.resource.aws_s3_object.trust_store_root_ca_object;
    expect(bundle.source).toMatch(/^\$\{path\.module\}\/assets\/trust_store_ca_bundle_file\/[0-9A-F]+\/ca-bundle\.pem$/);
    const assetPath = bundle.source.replace("${path.module}/", "");
    expect(bundle.source_hash).toBe(`\${filemd5("${assetPath}")}`);
    expect(only(json, "aws_lb_trust_store").body.ca_certificates_bundle_s3_key).toBe("${aws_s3_object.trust_store_root_ca_object.key}");
  });

  it("attaches each revocation list to the trust store", () => {
    expect(only(json, "aws_lb_trust_store_revocation").body).toEqual(
      expect.objectContaining({
        trust_store_arn: ref(json, "aws_lb_trust_store", "arn"),
        revocations_s3_key: "${aws_s3_object.trust_store_crl_object_0.key}",
      }),
    );
    expect(json.resource.aws_s3_object.trust_store_crl_object_0.key).toBe("revocations/0-revoked.crl.pem");
  });

  it("uses an origin-pull certificate already in Cloudflare, its ID a variable, and outputs no key", () => {
    expect(json.resource.cloudflare_authenticated_origin_pulls_certificate).toBeUndefined();
    expect(only(json, "cloudflare_authenticated_origin_pulls").body.authenticated_origin_pulls_certificate).toBe(
      "${var.origin_pull_certificate_id}",
    );
    expect(Object.keys(json.output)).not.toContain("client_private_key_pem");
    expect(Object.keys(json.output)).not.toContain("client_certificate_pem");
  });

  it("can upload a certificate and key from files, read by Terraform where they are (never copied into the output)", () => {
    // A key file outside the project, by absolute path; the certificate relative to the project.
    const dir = mkdtempSync(join(tmpdir(), "alb-mtls-key-"));
    try {
      const key = join(dir, "origin.key");
      writeFileSync(key, "-----BEGIN PRIVATE KEY-----\nnot a real key\n-----END PRIVATE KEY-----\n");
      const j = synthStack({ certificates: { caBundleFile: CA_BUNDLE, originPullCertificateFile: CA_BUNDLE, originPullPrivateKeyFile: key } });
      expect(only(j, "cloudflare_authenticated_origin_pulls_certificate").body).toMatchObject({
        certificate: `\${file("../../../${CA_BUNDLE}")}`,
        private_key: `\${file("${key}")}`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("passes the bundle file's content to a pass-through guard", () => {
    const j = synthStack({ certificates: { caBundleFile: CA_BUNDLE, originPullCertificateId: "abc" }, mtls: { mode: "passthrough" } });
    expect(only(j, "aws_lambda_function").body.environment.variables.MTLS_CA_BUNDLE).toMatch(
      /^\$\{file\("assets\/trust_store_ca_bundle_file\/[0-9A-F]+\/ca-bundle\.pem"\)\}$/,
    );
  });
});

describe("hardening options", () => {
  it("locks the trust-store bucket down", () => {
    const json = synthStack({ secureBuckets: true });
    const bucket = ref(json, "aws_s3_bucket", "id");
    expect(only(json, "aws_s3_bucket_public_access_block").body).toMatchObject({
      bucket,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only(json, "aws_s3_bucket_server_side_encryption_configuration").body.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
    expect(only(json, "aws_s3_bucket_versioning").body.versioning_configuration).toEqual({ status: "Enabled" });
    const [tlsOnly] = json.data.aws_iam_policy_document.client_cert_policy_document.statement;
    expect(tlsOnly).toMatchObject({ effect: "Deny", condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] });
  });

  it("sends access and connection logs to a locked-down bucket ELB can write, after its policy exists", () => {
    const json = synthStack({ baseName: "demo", albLogs: { retentionDays: 30 } });
    const logs = json.resource.aws_s3_bucket.alb_logs_logs_bucket;
    expect(logs.bucket).toBe("demo-alb-logs");
    const lb = only(json, "aws_lb").body;
    expect(lb.access_logs).toEqual({ bucket: "${aws_s3_bucket.alb_logs_logs_bucket.bucket}", prefix: "access", enabled: true });
    expect(lb.connection_logs).toEqual({ bucket: "${aws_s3_bucket.alb_logs_logs_bucket.bucket}", prefix: "connection", enabled: true });
    expect(lb.depends_on).toEqual(["aws_s3_bucket_policy.alb_logs_logs_policy"]);
    const statements = json.data.aws_iam_policy_document.alb_logs_logs_policy_document.statement;
    expect(statements.map((s: { sid: string }) => s.sid)).toEqual(["DenyInsecureTransport", "ElbAccountLogDelivery", "ElbServiceLogDelivery"]);
    expect(statements[1].principals).toEqual([{ type: "AWS", identifiers: ["${data.aws_elb_service_account.alb_logs_elb_account.arn}"] }]);
    expect(json.resource.aws_s3_bucket_lifecycle_configuration.alb_logs_expiry.rule[0].expiration).toEqual([{ days: 30 }]);
  });

  it("associates a WAF web ACL and protects the ALB from deletion", () => {
    const arn = "arn:aws:wafv2:ap-northeast-1:111122223333:regional/webacl/edge/abc";
    const json = synthStack({ wafWebAclArn: arn, deletionProtection: true });
    expect(only(json, "aws_wafv2_web_acl_association").body).toEqual(
      expect.objectContaining({ resource_arn: ref(json, "aws_lb", "arn"), web_acl_arn: arn }),
    );
    expect(only(json, "aws_lb").body.enable_deletion_protection).toBe(true);
    expect(synthStack({ wafWebAclArn: true }).variable?.waf_web_acl_arn).toMatchObject({ type: "string" });
  });

  it("names the application and target group as configured", () => {
    const json = synthStack({ applicationName: "portal", targetGroupName: "portal-target" });
    expect(only(json, "cloudflare_record").body.name).toBe("portal.${var.cloudflare_zone_name}");
    expect(only(json, "cloudflare_zero_trust_access_application").body.name).toBe("portal");
    expect(only(json, "aws_lb_target_group").body.name).toBe("portal-target");
  });
});

describe("variable validation", () => {
  it("is off by default, keeping the reference's variables", () => {
    expect(Object.values(article.variable ?? {}).some((v) => "validation" in v)).toBe(false);
  });

  it("adds validation blocks with the synth-time rules and full-sentence messages", () => {
    const json = synthStack({ variableValidation: true });
    const v = json.variable!;
    expect(v.base_name.validation.length).toBeGreaterThanOrEqual(5);
    for (const name of ["base_name", "subnets", "host_zone_name", "cloudflare_zone_name", "cloudflare_account_id", "access_allowed_email"]) {
      for (const block of v[name].validation) {
        // In JSON configuration a bare string is a literal: the condition must be a ${…} template.
        expect(block.condition).toMatch(/^\$\{.*\}$/s);
        expect(block.condition).toContain(`var.${name}`);
        expect(block.error_message).toMatch(/^[A-Z].*\.$/);
      }
    }
    expect(v.cloudflare_api_token.validation).toBeUndefined();
    expect(v.access_allowed_email.validation.map((b: { condition: string }) => b.condition)).toContain("${length(var.access_allowed_email) > 0}");
  });
});

describe("backends", () => {
  it("local: a path relative to the project root", () => {
    expect(synthStack({ backend: { type: "local", path: "state/prod.tfstate" } }).terraform.backend).toEqual({
      local: { path: "../../../state/prod.tfstate" },
    });
  });

  it("s3: encrypted, with S3-native locking unless a DynamoDB table locks", () => {
    expect(synthStack({ backend: { type: "s3", bucket: "acme-tfstate", key: "alb-mtls/prod.tfstate", region: "ap-northeast-1" } }).terraform.backend).toEqual({
      s3: { bucket: "acme-tfstate", key: "alb-mtls/prod.tfstate", region: "ap-northeast-1", encrypt: true, use_lockfile: true },
    });
    const dynamo = synthStack({ backend: { type: "s3", bucket: "b-b-b", key: "k", region: "us-east-1", dynamodbTable: "locks" } });
    expect(dynamo.terraform.backend.s3).toMatchObject({ dynamodb_table: "locks", encrypt: true });
    expect(dynamo.terraform.backend.s3.use_lockfile).toBeUndefined();
  });

  it("cloud: a workspace by name or by tags, optional hostname and project", () => {
    const named = synthStack({ backend: { type: "cloud", organization: "acme", workspace: "alb-mtls-prod", hostname: "tfe.acme.example" } });
    expect(named.terraform.cloud).toEqual({ organization: "acme", hostname: "tfe.acme.example", workspaces: { name: "alb-mtls-prod" } });
    expect(named.terraform.backend).toBeUndefined();
    const tagged = synthStack({ backend: { type: "cloud", organization: "acme", workspaceTags: ["alb-mtls"], project: "platform" } });
    expect(tagged.terraform.cloud.workspaces).toEqual({ tags: ["alb-mtls"], project: "platform" });
  });
});

describe("environments", () => {
  it("gives each stack of one app its own inputs and backend", () => {
    const app = Testing.app({ fakeCdktfJsonPath: true });
    const staging = new AlbMtlsStack(app, "staging", { baseName: "app-stg", backend: { type: "s3", bucket: "acme-tfstate", key: "stg", region: "ap-northeast-1" } });
    const prod = new AlbMtlsStack(app, "prod", { baseName: "app-prd", targetGroupName: "app-prd-target", applicationName: "app" });
    const [s, p] = [staging, prod].map((st) => JSON.parse(Testing.synth(st)) as Json);
    expect(only(s, "aws_lb").body.name).toBe("app-stg-alb");
    expect(only(p, "aws_lb").body.name).toBe("app-prd-alb");
    expect(s.terraform.backend.s3.key).toBe("stg");
    expect(p.terraform.backend.local.path).toBe("../../../terraform.prod.tfstate");
  });
});
