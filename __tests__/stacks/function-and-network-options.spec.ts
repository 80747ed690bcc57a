/** Stack options for the functions (retention, KMS, concurrency, tracing) and the ALB's security group. */
import { AccessLogBucket } from "../../constructs/access-log-bucket";
import { LambdaBackend } from "../../constructs/lambda-backend";
import { HANDLERS, synth as synthConstructs, synthStack as synthAny, type TfJson } from "../helpers";
import type { AlbMtlsStackProps } from "../../stacks/alb-mtls-stack";
import type { ApplicationConfig } from "../../stacks/config";

type Json = TfJson;
const synth = (props: Partial<AlbMtlsStackProps> = {}, name = "article"): Json => synthAny(props, name);
const inputs = { baseName: "gate", subnets: ["public-a"], hostZoneName: "aws.example.com", cloudflareZoneName: "example.com", accessAllowedEmail: ["alice@example.com"] };
const APPS: Record<string, ApplicationConfig> = {
  hello: { lambda: { entry: "__tests__/fixtures/apps/hello/index.ts", logRetentionDays: 30 } },
  wiki: { http: { targetType: "ip", port: 8080, targets: ["10.0.1.10"] } },
  legacy: { lambdaArn: "arn:aws:lambda:ap-northeast-1:111122223333:function:legacy" },
};
const article = synth();

describe("function options", () => {
  const json = synth({ logRetentionDays: 365, logsKmsKey: true, lambdaReservedConcurrency: 20, lambdaTracing: true });

  it("are off by default: the reference's function and log group", () => {
    const fn = article.resource.aws_lambda_function.lambda_function;
    expect(fn).not.toHaveProperty("reserved_concurrent_executions");
    expect(fn).not.toHaveProperty("tracing_config");
    expect(article.resource.aws_cloudwatch_log_group.lambda_logs).toMatchObject({ retention_in_days: 14 });
    expect(article.resource.aws_cloudwatch_log_group.lambda_logs).not.toHaveProperty("kms_key_id");
    expect(article.resource.aws_kms_key).toBeUndefined();
  });

  it("set retention, KMS encryption, reserved concurrency and active tracing", () => {
    expect(json.resource.aws_cloudwatch_log_group.lambda_logs).toMatchObject({ retention_in_days: 365, kms_key_id: "${aws_kms_key.logs_kms_key_key.arn}" });
    expect(json.resource.aws_lambda_function.lambda_function).toMatchObject({ reserved_concurrent_executions: 20, tracing_config: { mode: "Active" } });
    expect(json.resource.aws_iam_role_policy_attachment.lambda_xray_write).toEqual(
      expect.objectContaining({ policy_arn: "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess", role: "${aws_iam_role.lambda_role.name}" }),
    );
  });

  it("make a rotated key that only this account's CloudWatch Logs may use for log groups", () => {
    expect(json.resource.aws_kms_key.logs_kms_key_key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, policy: "${data.aws_iam_policy_document.logs_kms_key_policy.json}" });
    expect(json.resource.aws_kms_alias.logs_kms_key_alias).toMatchObject({ name: "alias/${var.base_name}-logs" });
    const statements = json.data.aws_iam_policy_document.logs_kms_key_policy.statement as any[];
    const logs = statements.find((s) => s.sid === "CloudWatchLogsOfThisAccount");
    expect(logs.principals).toEqual([{ type: "Service", identifiers: ["logs.${data.aws_region.logs_kms_key_region.name}.amazonaws.com"] }]);
    expect(logs.condition).toEqual([
      {
        test: "ArnLike",
        variable: "kms:EncryptionContext:aws:logs:arn",
        values: ["arn:${data.aws_partition.logs_kms_key_partition.partition}:logs:${data.aws_region.logs_kms_key_region.name}:${data.aws_caller_identity.logs_kms_key_account.account_id}:log-group:*"],
      },
    ]);
    expect(statements.flatMap((s) => s.principals.flatMap((p: any) => p.identifiers))).not.toContain("*");
  });

  it("take an existing key by ARN instead of making one", () => {
    const arn = "arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const byo = synth({ logsKmsKey: arn });
    expect(byo.resource.aws_kms_key).toBeUndefined();
    expect(byo.resource.aws_cloudwatch_log_group.lambda_logs.kms_key_id).toBe(arn);
  });

  it("apply to every application function; an application's own retention wins", () => {
    const apps = synth({ ...inputs, applications: APPS, logRetentionDays: 365, logsKmsKey: true, lambdaReservedConcurrency: 5, lambdaTracing: true }, "apps");
    expect(apps.resource.aws_cloudwatch_log_group.app_hello_lambda_logs).toMatchObject({ retention_in_days: 30, kms_key_id: "${aws_kms_key.logs_kms_key_key.arn}" });
    expect(apps.resource.aws_lambda_function.app_hello_lambda_function).toMatchObject({ reserved_concurrent_executions: 5, tracing_config: { mode: "Active" } });
  });

  it("refuse a reserved concurrency that Lambda does not take: the stack names its prop, LambdaBackend its own", () => {
    expect(() => synth({ lambdaReservedConcurrency: 0 })).toThrow("article: lambdaReservedConcurrency: expected a whole number from 1 to 10000, got the number 0");
    expect(() => synthConstructs((s) => new LambdaBackend(s, "fn", { functionName: "fn", handlerFile: HANDLERS.echo, reservedConcurrency: 0 }))).toThrow(
      "test/fn: reservedConcurrency 0 must be a whole number from 1 to 10000",
    );
  });
});

describe("strict security groups", () => {
  const sg = (json: Json) => json.resource.aws_security_group.alb_security_group;

  it("are off by default: the reference's open egress, rules without descriptions", () => {
    expect(sg(article).egress).toEqual([expect.objectContaining({ protocol: "-1", cidr_blocks: ["0.0.0.0/0"], ipv6_cidr_blocks: ["::/0"], description: null })]);
    expect(sg(article).ingress[0].description).toBeNull();
  });

  it("leave a Lambda-only ALB without any egress, and describe the ingress rule", () => {
    const json = synth({ strictSecurityGroups: true });
    expect(sg(json).egress).toEqual([]);
    expect(sg(json).ingress[0].description).toMatch(/HTTPS/);
  });

  it("let the ALB reach each http application's targets on their port, and nothing else", () => {
    const json = synth({ ...inputs, applications: APPS, strictSecurityGroups: true }, "apps");
    expect(sg(json).egress).toEqual([
      expect.objectContaining({ protocol: "tcp", from_port: 8080, to_port: 8080, security_groups: ["${aws_security_group.app_wiki_target_targets_security_group.id}"], description: "To the targets of wiki" }),
    ]);
    expect(JSON.stringify(sg(json).egress)).not.toContain("0.0.0.0/0");
  });
});

describe("bucket options", () => {
  const json = synth({ secureBuckets: true, albLogs: true, bucketControls: true, bucketAccessLogs: { retentionDays: 30 } });

  it("are off by default", () => {
    for (const type of ["aws_s3_bucket_logging", "aws_s3_bucket_ownership_controls", "aws_s3_bucket_lifecycle_configuration"]) expect(article.resource[type]).toBeUndefined();
  });

  it("send the trust-store and ALB-log buckets' access logs to a bucket only S3 logging of this account can write", () => {
    expect(json.resource.aws_s3_bucket.s3_access_logs_logs_bucket.bucket).toBe("${var.base_name}-s3-access-logs");
    expect(Object.values(json.resource.aws_s3_bucket_logging).map((l) => [l.bucket, l.target_bucket, l.target_prefix]).sort()).toEqual([
      ["${aws_s3_bucket.alb_logs_logs_bucket.id}", "${aws_s3_bucket.s3_access_logs_logs_bucket.id}", "alb-logs/"],
      ["${aws_s3_bucket.client_cert_bucket.id}", "${aws_s3_bucket.s3_access_logs_logs_bucket.id}", "trust-store/"],
    ]);
    const delivery = (json.data.aws_iam_policy_document.s3_access_logs_logs_policy_document.statement as any[]).find((s) => s.sid === "S3ServerAccessLogDelivery");
    expect(delivery).toMatchObject({ effect: "Allow", actions: ["s3:PutObject"], principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }] });
    expect(delivery.condition).toEqual([{ test: "StringEquals", variable: "aws:SourceAccount", values: ["${data.aws_caller_identity.s3_access_logs_account.account_id}"] }]);
    expect(json.resource.aws_s3_bucket_lifecycle_configuration.s3_access_logs_expiry.rule[0].expiration).toEqual([{ days: 30 }]);
  });

  it("disable ACLs on every bucket and abort incomplete uploads in every lifecycle rule", () => {
    const owned = Object.values(json.resource.aws_s3_bucket_ownership_controls).map((o) => o.bucket).sort();
    expect(owned).toEqual(Object.keys(json.resource.aws_s3_bucket).map((name) => `\${aws_s3_bucket.${name}.id}`).sort());
    for (const lifecycle of Object.values(json.resource.aws_s3_bucket_lifecycle_configuration)) {
      expect(lifecycle.rule[0]).toMatchObject({ status: "Enabled", filter: [{ prefix: "" }], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] });
    }
    expect(json.resource.aws_s3_bucket_versioning.alb_logs_logs_versioning).toBeDefined();
  });

  it("refuse a retention that is not a whole number of days: the stack names its prop, AccessLogBucket its own", () => {
    expect(() => synth({ bucketAccessLogs: { retentionDays: 0 } })).toThrow("article: bucketAccessLogs.retentionDays: expected a whole number from 1 to 3650, got the number 0");
    expect(() => synthConstructs((s) => new AccessLogBucket(s, "logs", { bucket: "logs-bucket", retentionDays: 0 }))).toThrow(
      "test/logs: retentionDays 0 must be a whole number of days ≥ 1",
    );
  });
});
