import type { AlbMtlsStackProps } from "../../stacks/alb-mtls-stack";
import { synthStack as synthAny } from "../helpers";

/** Every resource of the reference HCL deployment (../shared/spec/article-modules.md), by address. */
const REFERENCE_RESOURCE_ADDRESSES = [
  "module.lambda.aws_iam_role.lambda",
  "module.lambda.aws_iam_role_policy_attachment.lambda_basic",
  "module.lambda.aws_cloudwatch_log_group.lambda",
  "module.lambda.aws_lambda_function.this",
  "module.cert.aws_acm_certificate.main",
  "module.cert.aws_route53_record.main",
  "module.cert.aws_acm_certificate_validation.main",
  "module.client_cert.tls_private_key.root",
  "module.client_cert.tls_self_signed_cert.root",
  "module.client_cert.tls_private_key.client",
  "module.client_cert.tls_cert_request.client",
  "module.client_cert.tls_locally_signed_cert.client",
  "module.client_cert.aws_s3_bucket.store",
  "module.client_cert.aws_s3_object.root_ca_cert",
  "module.client_cert.aws_lb_trust_store.store",
  "module.alb.aws_security_group.main",
  "module.alb.aws_lb.this",
  "module.alb.aws_lb_listener.https",
  "module.alb.aws_route53_record.main",
  "module.alb_target.aws_lb_target_group.lambda",
  "module.alb_target.aws_lambda_permission.alb",
  "module.alb_target.aws_lb_target_group_attachment.lambda",
  "module.alb_target.aws_lb_listener_rule.lambda",
  "module.cloudflare_zone.cloudflare_record.main",
  "module.cloudflare_zone.cloudflare_authenticated_origin_pulls_certificate.main",
  "module.cloudflare_zone.cloudflare_authenticated_origin_pulls.main",
  "module.cloudflare_access.cloudflare_zero_trust_access_policy.allow",
  "module.cloudflare_access.cloudflare_zero_trust_access_application.main",
];

type Json = { resource: Record<string, Record<string, any>>; data: Record<string, Record<string, any>>; moved?: { from: string; to: string }[]; removed?: unknown[] };
const synthStack = (props: Partial<AlbMtlsStackProps>): Json => synthAny(props) as unknown as Json;

describe("adopting a reference deployment (adoptReference)", () => {
  const json = synthStack({ adoptReference: true });
  const moved = json.moved ?? [];
  const ours = Object.entries(json.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));

  it("moves every reference resource address", () => {
    expect(moved.map((m) => m.from).sort()).toEqual([...REFERENCE_RESOURCE_ADDRESSES].sort());
  });

  it("moves each to an existing resource of the same type, every resource of the stack exactly once", () => {
    for (const { from, to } of moved) {
      expect({ from, to, exists: ours.includes(to) }).toEqual({ from, to, exists: true });
      expect(to.split(".")[0]).toBe(from.split(".").at(-2));
    }
    expect(moved.map((m) => m.to).sort()).toEqual([...ours].sort());
  });

  // What `terraform plan` shows beyond the moves: a resource whose arguments equal the reference's
  // does not change. The only arguments that can differ are those built from this project's files
  // (the reference's come from its own module folder): the function's code, and nothing else.
  it("differs from the reference only in the function's code, an in-place update", () => {
    const fileBased = Object.entries(json.resource).flatMap(([type, byName]) =>
      Object.entries(byName)
        .filter(([, body]) => /\$\{path\.module\}|data\.archive_file\.|assets\//.test(JSON.stringify(body)))
        .map(([name]) => `${type}.${name}`),
    );
    expect(fileBased).toEqual(["aws_lambda_function.lambda_function"]);
    expect(moved).toContainEqual({ from: "module.lambda.aws_lambda_function.this", to: "aws_lambda_function.lambda_function" });

    const { "//": _meta, filename, source_code_hash, role, logging_config, lifecycle, ...settings } = json.resource.aws_lambda_function.lambda_function;
    // filename and source_code_hash: this project's archive of its own echo handler.
    expect({ filename, source_code_hash }).toEqual({
      filename: "${data.archive_file.lambda_archive.output_path}",
      source_code_hash: "${data.archive_file.lambda_archive.output_base64sha256}",
    });
    expect(json.data.archive_file.lambda_archive).toMatchObject({ type: "zip", output_path: "${path.module}/lambda_handler.zip", source_file: expect.stringMatching(/assets\/lambda_handler\/[0-9A-F]+\/index\.mjs$/) });
    // Every other argument is the reference's (spec/article-modules.md); function_name and
    // package_type, the two that would replace the function, among them.
    expect(settings).toEqual({
      architectures: ["arm64"],
      function_name: "${var.base_name}-function",
      handler: "index.handler",
      memory_size: 128,
      package_type: "Zip",
      runtime: "nodejs22.x",
      timeout: 3,
    });
    expect({ role, logging_config }).toEqual({
      role: "${aws_iam_role.lambda_role.arn}",
      logging_config: { log_format: "JSON", log_group: "${aws_cloudwatch_log_group.lambda_logs.id}" },
    });
    expect(lifecycle ?? { ignore_changes: [] }).toEqual({ ignore_changes: [] });
  });

  it("forgets the reference's local key files instead of deleting them", () => {
    expect(json.removed).toEqual([
      { from: "local_sensitive_file.key", lifecycle: { destroy: false } },
      { from: "local_sensitive_file.cert", lifecycle: { destroy: false } },
    ]);
  });

  it("adds nothing without the option", () => {
    const plain = synthStack({});
    expect(plain.moved).toBeUndefined();
    expect(plain.removed).toBeUndefined();
  });

  it("skips the moves whose target a stack does not have (own certificates: no generated keys)", () => {
    const byo = synthStack({ adoptReference: true, certificates: { caBundleFile: "examples/certs/ca-bundle.pem", originPullCertificateId: "abc" } });
    const froms = (byo.moved ?? []).map((m) => m.from);
    expect(froms).not.toContain("module.client_cert.tls_private_key.root");
    expect(froms).toContain("module.client_cert.aws_lb_trust_store.store");
    expect(froms).toContain("module.alb.aws_lb.this");
  });
});
