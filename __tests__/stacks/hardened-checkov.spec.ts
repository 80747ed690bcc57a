/**
 * The `hardened` stack against Checkov's Terraform rules for the resource types it uses.
 *
 * Checkov cannot be installed here, so each rule's condition is read from its source
 * (bridgecrewio/checkov at 03d5fdad, 2026-08-20: checkov/terraform/checks/resource/aws/*.py and
 * checkov/terraform/checks/graph_checks/aws/*.yaml) and written as one predicate over the
 * synthesized JSON. Graph rules' "connection" is a reference either way between two resources, as
 * in Checkov's graph. A rule that fails on `hardened` must be in EXCEPTIONS, with the reason the
 * coverage table in docs/checkov.md gives; an exception that no longer fails is an error too, and
 * every predicate must fail somewhere on `article` or on a counter-example, so none of them passes
 * by construction.
 */
import { readFileSync } from "node:fs";
import { parseStacks } from "../../stacks/config";
import { synthStack } from "../helpers";

type Body = Record<string, any>;
type Json = { resource: Record<string, Record<string, Body>>; data: Record<string, Record<string, Body>> };
type Result = "pass" | "fail" | "n/a";

const config = JSON.parse(readFileSync("cdktf.json", "utf8")).context.stacks;
const stacks = parseStacks(config);
const hardened = synthStack(stacks.hardened, "hardened") as unknown as Json;
const article = synthStack(stacks.article, "article") as unknown as Json;

/** A nested block as cdktf writes it: an object, or a list whose first element counts. */
const block = (v: unknown): Body | undefined => (Array.isArray(v) ? v[0] : v && typeof v === "object" ? (v as Body) : undefined);
const blocks = (v: unknown): Body[] => (Array.isArray(v) ? v : v && typeof v === "object" ? [v as Body] : []);
const ok = (condition: boolean): Result => (condition ? "pass" : "fail");

/** Resources of `type` that reference `address`, or that `address` references (Checkov's graph edge). */
function connected(json: Json, address: string, type: string): Body[] {
  const [ownType, ownName] = address.split(".");
  const own = JSON.stringify(json.resource[ownType][ownName]);
  return Object.entries(json.resource[type] ?? {})
    .filter(([name, body]) => JSON.stringify(body).includes(`\${${address}.`) || own.includes(`\${${type}.${name}.`))
    .map(([, body]) => body);
}

/** The policy document a `policy` attribute refers to (`${data.aws_iam_policy_document.<name>.json}`). */
function policyDocument(json: Json, ref: unknown): Body | undefined {
  const m = /^\$\{data\.aws_iam_policy_document\.([a-z0-9_]+)\.json\}$/.exec(String(ref));
  return m ? json.data.aws_iam_policy_document?.[m[1]] : undefined;
}
const principals = (doc: Body | undefined, effect: string) =>
  blocks(doc?.statement)
    .filter((s) => (s.effect ?? "Allow") === effect)
    .flatMap((s) => blocks(s.principals).flatMap((p) => p.identifiers as string[]));

const PUBLIC = ["0.0.0.0/0", "::/0"];
const opensTo = (rule: Body, port: number | "any"): boolean => {
  const cidrs = [rule.cidr_blocks, rule.ipv6_cidr_blocks, rule.cidr_ipv4, rule.cidr_ipv6].flat().filter((c) => typeof c === "string");
  if (!cidrs.some((c) => PUBLIC.includes(c))) return false;
  const all = String(rule.protocol ?? rule.ip_protocol) === "-1";
  if (port === "any") return all || (rule.from_port === 0 && rule.to_port === 65535);
  return all || (rule.from_port <= port && port <= rule.to_port);
};
const ingressRules = (type: string, body: Body) => (type === "aws_security_group" ? blocks(body.ingress) : type === "aws_vpc_security_group_ingress_rule" ? [body] : []);
const egressRules = (type: string, body: Body) => (type === "aws_security_group" ? blocks(body.egress) : type === "aws_vpc_security_group_egress_rule" ? [body] : []);
const SG_TYPES = ["aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"];

interface Rule {
  readonly id: string;
  readonly title: string;
  readonly types: string[];
  check(body: Body, json: Json, address: string, type: string): Result;
}

const WEAK_SSL_POLICIES = [
  "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-2015-05", "ELBSecurityPolicy-TLS-1-0-2015-04", "ELBSecurityPolicy-TLS-1-1-2017-01",
  "ELBSecurityPolicy-2015-03", "ELBSecurityPolicy-2015-02", "ELBSecurityPolicy-2014-10", "ELBSecurityPolicy-Default", "ELBSecurityPolicy-2014-01",
];
const DEPRECATED_RUNTIMES = /^(nodejs|nodejs4\.3|nodejs6\.10|nodejs8\.10|nodejs10\.x|nodejs12\.x|nodejs14\.x|nodejs16\.x|nodejs18\.x)$/;

export const RULES: Rule[] = [
  // Load balancer
  { id: "CKV_AWS_91", title: "ELBv2 access logging enabled", types: ["aws_lb"], check: (b) => ok(block(b.access_logs)?.enabled === true) },
  { id: "CKV_AWS_131", title: "ALB drops invalid HTTP headers", types: ["aws_lb"], check: (b) => ok(b.drop_invalid_header_fields === true) },
  { id: "CKV_AWS_150", title: "Load balancer deletion protection", types: ["aws_lb"], check: (b) => ok(b.enable_deletion_protection === true) },
  { id: "CKV_AWS_328", title: "ALB desync mitigation defensive or strictest", types: ["aws_lb"], check: (b) => ok(b.desync_mitigation_mode !== "monitor") },
  {
    id: "CKV2_AWS_20", title: "ALB redirects HTTP to HTTPS", types: ["aws_lb"],
    check: (_b, j, a) =>
      ok(connected(j, a, "aws_lb_listener").every((l) => !(String(l.port) === "80" && l.protocol === "HTTP") || blocks(l.default_action).some((d) => d.type === "redirect" && String(block(d.redirect)?.port) === "443" && block(d.redirect)?.protocol === "HTTPS"))),
  },
  { id: "CKV2_AWS_28", title: "Public ALB protected by WAF", types: ["aws_lb"], check: (b, j, a) => ok(b.internal === true || connected(j, a, "aws_wafv2_web_acl_association").length > 0) },
  {
    id: "CKV2_AWS_76", title: "ALB's WAFv2 web ACL has the Log4j managed rule", types: ["aws_lb"],
    check: (b, j, a) => {
      const associations = connected(j, a, "aws_wafv2_web_acl_association");
      if (b.internal === true || associations.length === 0) return "pass";
      return ok(associations.some((assoc) => /^\$\{aws_wafv2_web_acl\./.test(String(assoc.web_acl_arn))));
    },
  },
  { id: "CKV_AWS_2", title: "ALB listener uses HTTPS", types: ["aws_lb_listener"], check: (b) => ok(["HTTPS", "TLS", "TCP", "UDP", "TCP_UDP"].includes(b.protocol) || blocks(b.default_action).some((d) => d.type === "redirect" && block(d.redirect)?.protocol === "HTTPS")) },
  { id: "CKV_AWS_103", title: "Listener uses at least TLS 1.2", types: ["aws_lb_listener"], check: (b) => ok(["HTTPS", "TLS"].includes(b.protocol) && /^ELBSecurityPolicy-(FS-1-2|TLS-1-2|TLS13)/.test(b.ssl_policy ?? "")) },
  { id: "CKV2_AWS_74", title: "Listener uses strong ciphers", types: ["aws_lb_listener"], check: (b) => ok(!["HTTPS", "TLS"].includes(b.protocol) || (b.ssl_policy !== undefined && !WEAK_SSL_POLICIES.includes(b.ssl_policy))) },
  {
    id: "CKV_AWS_261", title: "HTTP(S) target group defines a health check", types: ["aws_lb_target_group"],
    check: (b) => (["HTTP", "HTTPS"].includes(b.protocol) ? ok(Boolean(block(b.health_check)?.path)) : "n/a"),
  },
  { id: "CKV_AWS_378", title: "Target group does not use HTTP", types: ["aws_lb_target_group"], check: (b) => ok(b.protocol !== "HTTP") },
  // Security groups
  {
    id: "CKV_AWS_23", title: "Security group and rules have descriptions", types: SG_TYPES,
    check: (b, _j, _a, t) => ok(Boolean(b.description) && (t !== "aws_security_group" || [...blocks(b.ingress), ...blocks(b.egress)].every((r) => Boolean(r.description)))),
  },
  ...([["CKV_AWS_24", 22], ["CKV_AWS_25", 3389], ["CKV_AWS_260", 80], ["CKV_AWS_277", "any"]] as const).map(
    ([id, port]): Rule => ({ id, title: `No ingress from 0.0.0.0/0 to ${port === "any" ? "all ports" : `port ${port}`}`, types: SG_TYPES, check: (b, _j, _a, t) => ok(!ingressRules(t, b).some((r) => opensTo(r, port))) }),
  ),
  { id: "CKV_AWS_382", title: "No egress to 0.0.0.0/0 on all ports", types: SG_TYPES, check: (b, _j, _a, t) => ok(!egressRules(t, b).some((r) => opensTo(r, "any"))) },
  {
    id: "CKV2_AWS_5", title: "Security group attached to a resource", types: ["aws_security_group"],
    check: (_b, j, a) => ok(["aws_lb", "aws_instance", "aws_ecs_service", "aws_network_interface", "aws_lambda_function"].some((t) => connected(j, a, t).length > 0)),
  },
  // S3
  { id: "CKV_AWS_18", title: "S3 bucket access logging", types: ["aws_s3_bucket"], check: (b, j, a) => ok(b.logging !== undefined || connected(j, a, "aws_s3_bucket_logging").length > 0) },
  {
    id: "CKV_AWS_19", title: "S3 bucket encrypted at rest", types: ["aws_s3_bucket"],
    check: (_b, j, a) => {
      const sse = connected(j, a, "aws_s3_bucket_server_side_encryption_configuration");
      return ok(sse.length === 0 || sse.every((c) => blocks(c.rule).every((r) => ["AES256", "aws:kms"].includes(block(r.apply_server_side_encryption_by_default)?.sse_algorithm))));
    },
  },
  ...([["CKV_AWS_20", "public READ"], ["CKV_AWS_57", "public WRITE"]] as const).map(
    ([id, what]): Rule => ({ id, title: `No ACL granting ${what}`, types: ["aws_s3_bucket"], check: (b, j, a) => ok(![b.acl, ...connected(j, a, "aws_s3_bucket_acl").map((c) => c.acl)].some((acl) => ["public-read", "public-read-write", "authenticated-read"].includes(acl))) }),
  ),
  { id: "CKV_AWS_21", title: "S3 bucket versioning", types: ["aws_s3_bucket"], check: (b, j, a) => ok(block(b.versioning)?.enabled === true || connected(j, a, "aws_s3_bucket_versioning").some((v) => block(v.versioning_configuration)?.status === "Enabled")) },
  { id: "CKV_AWS_144", title: "S3 cross-region replication", types: ["aws_s3_bucket"], check: (_b, j, a) => ok(connected(j, a, "aws_s3_bucket_replication_configuration").some((r) => blocks(r.rule).some((x) => x.status === "Enabled"))) },
  {
    id: "CKV_AWS_145", title: "S3 bucket encrypted with KMS by default", types: ["aws_s3_bucket"],
    check: (_b, j, a) => ok(connected(j, a, "aws_s3_bucket_server_side_encryption_configuration").some((c) => blocks(c.rule).some((r) => block(r.apply_server_side_encryption_by_default)?.sse_algorithm === "aws:kms"))),
  },
  {
    id: "CKV2_AWS_6", title: "S3 bucket has a public access block", types: ["aws_s3_bucket"],
    check: (_b, j, a) => ok(connected(j, a, "aws_s3_bucket_public_access_block").some((p) => p.block_public_acls === true && p.block_public_policy === true)),
  },
  { id: "CKV2_AWS_61", title: "S3 bucket has a lifecycle configuration", types: ["aws_s3_bucket"], check: (b, j, a) => ok(b.lifecycle_rule !== undefined || connected(j, a, "aws_s3_bucket_lifecycle_configuration").length > 0) },
  { id: "CKV2_AWS_62", title: "S3 bucket event notifications", types: ["aws_s3_bucket"], check: (_b, j, a) => ok(connected(j, a, "aws_s3_bucket_notification").length > 0) },
  { id: "CKV_AWS_70", title: "S3 bucket policy allows no '*' principal", types: ["aws_s3_bucket_policy"], check: (b, j) => ok(!principals(policyDocument(j, b.policy), "Allow").includes("*")) },
  {
    id: "CKV_AWS_93", title: "S3 bucket policy does not lock out everyone", types: ["aws_s3_bucket_policy"],
    check: (b, j) => ok(!blocks(policyDocument(j, b.policy)?.statement).some((s) => s.effect === "Deny" && blocks(s.condition).length === 0 && blocks(s.principals).some((p) => p.identifiers.includes("*")))),
  },
  ...([["CKV_AWS_53", "block_public_acls"], ["CKV_AWS_54", "block_public_policy"], ["CKV_AWS_55", "ignore_public_acls"], ["CKV_AWS_56", "restrict_public_buckets"]] as const).map(
    ([id, key]): Rule => ({ id, title: `Public access block: ${key}`, types: ["aws_s3_bucket_public_access_block"], check: (b) => ok(b[key] === true) }),
  ),
  {
    id: "CKV_AWS_300", title: "Lifecycle aborts incomplete multipart uploads", types: ["aws_s3_bucket_lifecycle_configuration"],
    check: (b) => ok(blocks(b.rule).some((r) => r.status === "Enabled" && blocks(r.abort_incomplete_multipart_upload).length > 0 && blocks(r.filter).every((f) => !f.prefix && !f.tag && !f.and))),
  },
  { id: "CKV2_AWS_65", title: "S3 ACLs disabled (BucketOwnerEnforced)", types: ["aws_s3_bucket_ownership_controls"], check: (b) => ok(block(b.rule)?.object_ownership === "BucketOwnerEnforced") },
  // Lambda
  { id: "CKV_AWS_45", title: "No AWS credentials in Lambda environment", types: ["aws_lambda_function"], check: (b) => ok(!/(AKIA|ASIA)[A-Z0-9]{16}/.test(JSON.stringify(block(b.environment)?.variables ?? {}))) },
  { id: "CKV_AWS_50", title: "Lambda X-Ray tracing", types: ["aws_lambda_function"], check: (b) => ok(["Active", "PassThrough"].includes(block(b.tracing_config)?.mode)) },
  { id: "CKV_AWS_115", title: "Lambda function-level concurrency limit", types: ["aws_lambda_function"], check: (b) => ok(b.reserved_concurrent_executions !== undefined) },
  { id: "CKV_AWS_116", title: "Lambda dead-letter queue", types: ["aws_lambda_function"], check: (b) => ok(Boolean(block(b.dead_letter_config)?.target_arn)) },
  { id: "CKV_AWS_117", title: "Lambda inside a VPC", types: ["aws_lambda_function"], check: (b) => ok(blocks(b.vpc_config).some((v) => v.subnet_ids && v.security_group_ids)) },
  {
    id: "CKV_AWS_173", title: "Lambda environment encrypted with a KMS key", types: ["aws_lambda_function"],
    check: (b) => (block(b.environment) ? ok(Boolean(b.kms_key_arn)) : b.kms_key_arn ? "fail" : "n/a"),
  },
  { id: "CKV_AWS_272", title: "Lambda code signing", types: ["aws_lambda_function"], check: (b) => ok(Boolean(b.code_signing_config_arn)) },
  { id: "CKV_AWS_363", title: "Lambda runtime not deprecated", types: ["aws_lambda_function"], check: (b) => ok(!DEPRECATED_RUNTIMES.test(b.runtime ?? "")) },
  { id: "CKV_AWS_301", title: "Lambda not public", types: ["aws_lambda_permission"], check: (b) => ok(b.principal !== "*") },
  {
    id: "CKV_AWS_364", title: "Service permission limited by SourceArn or SourceAccount", types: ["aws_lambda_permission"],
    check: (b) => (/^[a-z0-9-]+\.amazonaws\.com$/.test(b.principal) ? ok(b.source_arn !== undefined || b.source_account !== undefined) : "n/a"),
  },
  // IAM
  { id: "CKV_AWS_60", title: "Role not assumable by everyone", types: ["aws_iam_role"], check: (b, j) => ok(!principals(policyDocument(j, b.assume_role_policy), "Allow").includes("*")) },
  { id: "CKV_AWS_61", title: "Role not assumable from a whole account", types: ["aws_iam_role"], check: (b, j) => ok(!principals(policyDocument(j, b.assume_role_policy), "Allow").some((p) => /\d{12}|arn:aws:iam::\d{12}:root/.test(p))) },
  {
    id: "CKV_AWS_274", title: "No AdministratorAccess", types: ["aws_iam_role", "aws_iam_role_policy_attachment"],
    check: (b) => ok(![b.policy_arn, ...(b.managed_policy_arns ?? [])].includes("arn:aws:iam::aws:policy/AdministratorAccess")),
  },
  { id: "CKV2_AWS_56", title: "No IAMFullAccess", types: ["aws_iam_role", "aws_iam_role_policy_attachment"], check: (b) => ok(![b.policy_arn, ...(b.managed_policy_arns ?? [])].some((arn) => String(arn).includes("IAMFullAccess"))) },
  { id: "CKV_AWS_393", title: "No GitHub OIDC trust on a role without safe claims", types: ["aws_iam_role"], check: (b, j) => ok(!principals(policyDocument(j, b.assume_role_policy), "Allow").some((p) => p.includes("token.actions.githubusercontent.com"))) },
  { id: "CKV_AWS_358", title: "No GitHub OIDC trust without safe claims", types: ["data.aws_iam_policy_document"], check: (b) => ok(!principals(b, "Allow").some((p) => p.includes("token.actions.githubusercontent.com"))) },
  // Checkov derives these three from cloudsplaining's access levels; modelled here as: an Allow
  // statement without a condition, on resource "*", with a wildcard action (service:* or *).
  ...([["CKV_AWS_109", "No permissions management without constraints"], ["CKV_AWS_111", "No write access without constraints"], ["CKV_AWS_356", "No '*' resource for restrictable actions"]] as const).map(
    ([id, title]): Rule => ({
      id, title, types: ["data.aws_iam_policy_document"],
      check: (b) => ok(!blocks(b.statement).some((st) => (st.effect ?? "Allow") === "Allow" && blocks(st.condition).length === 0 && (st.resources ?? []).includes("*") && (st.actions ?? []).some((a: string) => a === "*" || a.endsWith(":*")))),
    }),
  ),
  // CloudWatch Logs, KMS, ACM, Route53
  { id: "CKV_AWS_66", title: "Log group retention set", types: ["aws_cloudwatch_log_group"], check: (b) => ok(b.retention_in_days !== undefined) },
  { id: "CKV_AWS_158", title: "Log group encrypted with KMS", types: ["aws_cloudwatch_log_group"], check: (b) => ok(Boolean(b.kms_key_id)) },
  { id: "CKV_AWS_338", title: "Log group retention at least a year", types: ["aws_cloudwatch_log_group"], check: (b) => ok(b.retention_in_days === 0 || b.retention_in_days >= 365) },
  { id: "CKV_AWS_7", title: "KMS key rotation", types: ["aws_kms_key"], check: (b) => ok(b.enable_key_rotation === true) },
  { id: "CKV_AWS_33", title: "KMS key policy has no '*' principal", types: ["aws_kms_key"], check: (b, j) => ok(!principals(policyDocument(j, b.policy), "Allow").includes("*")) },
  { id: "CKV_AWS_227", title: "KMS key enabled", types: ["aws_kms_key"], check: (b) => ok(b.is_enabled !== false) },
  { id: "CKV2_AWS_64", title: "KMS key policy defined", types: ["aws_kms_key"], check: (b) => ok(b.policy !== undefined) },
  { id: "CKV2_AWS_71", title: "ACM certificate without wildcard names", types: ["aws_acm_certificate"], check: (b) => ok(![b.domain_name, ...(b.subject_alternative_names ?? [])].some((n) => String(n).includes("*"))) },
  { id: "CKV2_AWS_75", title: "No open CORS on a Lambda function URL", types: ["aws_lambda_function"], check: (_b, j, a) => ok(connected(j, a, "aws_lambda_function_url").every((u) => !(block(u.cors)?.allow_origins ?? []).includes("*"))) },
  { id: "CKV_AWS_233", title: "ACM certificate create_before_destroy", types: ["aws_acm_certificate"], check: (b) => ok(b.lifecycle?.create_before_destroy === true) },
  { id: "CKV_AWS_234", title: "ACM certificate transparency logging", types: ["aws_acm_certificate"], check: (b) => ok([undefined, "ENABLED"].includes(block(b.options)?.certificate_transparency_logging_preference)) },
  {
    id: "CKV2_AWS_23", title: "Route53 A record attached to a resource", types: ["aws_route53_record"],
    check: (b, j, a) => (b.type !== "A" ? "n/a" : ok(/module|data\.|var\./.test(String(block(b.alias)?.name)) || ["aws_lb", "aws_instance", "aws_eip", "aws_s3_bucket"].some((t) => connected(j, a, t).length > 0))),
  },
];

/**
 * Rules `hardened` fails on purpose, by rule and resource type; the coverage table in docs/checkov.md
 * gives the same reasons. Keep both in step.
 */
export const EXCEPTIONS: Record<string, string> = {
  "CKV2_AWS_76": "the web ACL is yours, given by ARN (wafWebAclArn); its rules, the Log4j managed rule group included, are managed where it is",
  "CKV_AWS_144": "cross-region replication: the buckets hold public CA certificates and CRLs the project re-uploads, and logs; a replica region is an account decision",
  "CKV_AWS_145": "SSE-KMS: ELB log delivery and S3 server access logging write only to SSE-S3 buckets; the trust-store bucket holds public certificates",
  "CKV2_AWS_62": "event notifications: nothing in this architecture consumes bucket events",
  "CKV_AWS_116": "dead-letter queue: the ALB invokes the function synchronously; a DLQ applies to asynchronous invocations only",
  "CKV_AWS_117": "Lambda in a VPC: the function reaches no VPC resource; in a VPC it would need a NAT gateway to fetch the Access key set",
  "CKV_AWS_173": "KMS for the environment: the variables hold no secret (CA certificates, allow-lists, team domain, AUD tag); Lambda encrypts them at rest with an AWS key",
  "CKV_AWS_272": "code signing: the code is zipped by Terraform from the synthesized stack folder; signing needs an AWS Signer job on an S3 object",
  // The logs key's policy (logsKmsKey): its first statement is AWS's default key policy statement.
  "CKV_AWS_109": "the KMS key policy's account statement (kms:* on \"*\"): AWS's default statement; in a key policy \"*\" is the key itself",
  "CKV_AWS_111": "the same statement",
  "CKV_AWS_356": "the same statement",
};

/** The blocks of a rule type: `aws_x` a resource type, `data.aws_x` a data source type. */
const blocksOf = (json: Json, type: string) => Object.entries((type.startsWith("data.") ? json.data[type.slice(5)] : json.resource[type]) ?? {});

function evaluate(json: Json): { id: string; address: string; result: Result }[] {
  return RULES.flatMap((rule) =>
    rule.types.flatMap((type) => blocksOf(json, type).map(([name, body]) => ({ id: rule.id, address: `${type}.${name}`, result: rule.check(body, json, `${type}.${name}`, type) }))),
  );
}

describe("hardened against Checkov's rules for its resource types", () => {
  const results = evaluate(hardened);
  const failing = results.filter((r) => r.result === "fail");

  it("fails no rule outside the documented exceptions", () => {
    expect(failing.filter((r) => !(r.id in EXCEPTIONS)).map((r) => `${r.id} ${r.address}`)).toEqual([]);
  });

  it("fails the policy-document rules on the KMS key's policy only", () => {
    const onDocuments = failing.filter((r) => r.address.startsWith("data."));
    expect([...new Set(onDocuments.map((r) => r.address))]).toEqual(["data.aws_iam_policy_document.logs_kms_key_policy"]);
  });

  it("still fails each exception (no stale exception)", () => {
    for (const id of Object.keys(EXCEPTIONS)) expect({ id, fails: failing.some((r) => r.id === id) }).toEqual({ id, fails: true });
  });

  it("evaluates every rule on at least one resource of hardened (or of apps, for http target groups)", () => {
    const evaluated = new Set(results.filter((r) => r.result !== "n/a").map((r) => r.id));
    // CKV_AWS_261 applies to HTTP(S) target groups; hardened has a Lambda one. Checked on apps below.
    expect(RULES.map((r) => r.id).filter((id) => !evaluated.has(id))).toEqual(["CKV_AWS_261"]);
  });

  it("an http application's target group passes the health-check rule and fails only the HTTP-protocol one", () => {
    const apps = synthStack(stacks.apps, "apps") as unknown as Json;
    const tg = evaluate(apps).filter((r) => r.address === "aws_lb_target_group.app_wiki_target_target_group");
    expect(tg.filter((r) => r.result === "fail").map((r) => r.id)).toEqual(["CKV_AWS_378"]);
    expect(tg.find((r) => r.id === "CKV_AWS_261")?.result).toBe("pass");
  });

  it("covers every resource type of hardened, except those no rule applies to", () => {
    const covered = new Set(RULES.flatMap((r) => r.types));
    const WITHOUT_RULES = [
      "aws_acm_certificate_validation", "aws_kms_alias", "aws_lb_listener_rule", "aws_lb_target_group_attachment", "aws_lb_trust_store",
      "aws_lb_trust_store_revocation", "aws_s3_bucket_logging", "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning",
      "aws_s3_object", "aws_wafv2_web_acl_association",
    ];
    const types = Object.keys(hardened.resource).filter((t) => t.startsWith("aws_"));
    expect(types.filter((t) => !covered.has(t) && !WITHOUT_RULES.includes(t))).toEqual([]);
  });

  it("has the coverage table in docs/checkov.md list every rule, with exactly the exceptions marked as such", () => {
    const page = readFileSync("docs/checkov.md", "utf8");
    const rows = new Map([...page.matchAll(/^\| `(CKV2?_AWS_\d+)` \|(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(RULES.map((r) => r.id).filter((id) => !rows.has(id))).toEqual([]);
    const marked = [...rows].filter(([, row]) => /\| exception/.test(row)).map(([id]) => id);
    expect(marked.sort()).toEqual(Object.keys(EXCEPTIONS).sort());
  });
});

describe("the predicates can fail", () => {
  const articleFailing = new Set(evaluate(article).filter((r) => r.result === "fail").map((r) => r.id));
  /** Counter-examples for rules the reference stack happens to pass. */
  const bad: Record<string, [string, Body, Json["resource"]?]> = {
    CKV_AWS_131: ["aws_lb", { drop_invalid_header_fields: false }],
    CKV_AWS_328: ["aws_lb", { desync_mitigation_mode: "monitor" }],
    CKV2_AWS_20: ["aws_lb", {}, { aws_lb_listener: { http: { load_balancer_arn: "${aws_lb.x.arn}", port: 80, protocol: "HTTP", default_action: [{ type: "forward" }] } } }],
    CKV2_AWS_76: ["aws_lb", {}, { aws_wafv2_web_acl_association: { waf: { resource_arn: "${aws_lb.x.arn}", web_acl_arn: "${var.waf_web_acl_arn}" } } }],
    CKV_AWS_260: ["aws_security_group", { ingress: [{ from_port: 80, to_port: 80, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"] }] }],
    CKV_AWS_2: ["aws_lb_listener", { protocol: "HTTP", default_action: [{ type: "forward" }] }],
    CKV_AWS_103: ["aws_lb_listener", { protocol: "HTTPS", ssl_policy: "ELBSecurityPolicy-2016-08" }],
    CKV2_AWS_74: ["aws_lb_listener", { protocol: "HTTPS" }],
    CKV_AWS_261: ["aws_lb_target_group", { protocol: "HTTP" }],
    CKV_AWS_378: ["aws_lb_target_group", { protocol: "HTTP" }],
    CKV_AWS_24: ["aws_security_group", { ingress: [{ from_port: 22, to_port: 22, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"] }] }],
    CKV_AWS_25: ["aws_security_group", { ingress: [{ from_port: 0, to_port: 0, protocol: "-1", cidr_blocks: ["0.0.0.0/0"] }] }],
    CKV_AWS_277: ["aws_security_group", { ingress: [{ from_port: 0, to_port: 65535, protocol: "tcp", ipv6_cidr_blocks: ["::/0"] }] }],
    CKV2_AWS_5: ["aws_security_group", {}],
    CKV_AWS_19: ["aws_s3_bucket", {}, { aws_s3_bucket_server_side_encryption_configuration: { sse: { bucket: "${aws_s3_bucket.x.id}", rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "none" } }] } } }],
    CKV_AWS_20: ["aws_s3_bucket", { acl: "public-read" }],
    CKV_AWS_57: ["aws_s3_bucket", { acl: "public-read-write" }],
    CKV_AWS_70: ["aws_s3_bucket_policy", {}],
    CKV_AWS_93: ["aws_s3_bucket_policy", {}],
    CKV_AWS_53: ["aws_s3_bucket_public_access_block", { block_public_acls: false }],
    CKV_AWS_54: ["aws_s3_bucket_public_access_block", {}],
    CKV_AWS_55: ["aws_s3_bucket_public_access_block", {}],
    CKV_AWS_56: ["aws_s3_bucket_public_access_block", {}],
    CKV_AWS_300: ["aws_s3_bucket_lifecycle_configuration", { rule: [{ status: "Enabled", filter: [{ prefix: "" }], expiration: [{ days: 1 }] }] }],
    CKV2_AWS_65: ["aws_s3_bucket_ownership_controls", { rule: { object_ownership: "ObjectWriter" } }],
    CKV_AWS_45: ["aws_lambda_function", { environment: { variables: { KEY: "AKIAABCDEFGHIJKLMNOP" } } }],
    CKV_AWS_173: ["aws_lambda_function", { environment: { variables: { A: "b" } } }],
    CKV_AWS_363: ["aws_lambda_function", { runtime: "nodejs16.x" }],
    CKV_AWS_301: ["aws_lambda_permission", { principal: "*" }],
    CKV_AWS_364: ["aws_lambda_permission", { principal: "elasticloadbalancing.amazonaws.com" }],
    CKV_AWS_60: ["aws_iam_role", {}],
    CKV_AWS_61: ["aws_iam_role", {}],
    CKV_AWS_274: ["aws_iam_role_policy_attachment", { policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" }],
    CKV2_AWS_56: ["aws_iam_role_policy_attachment", { policy_arn: "arn:aws:iam::aws:policy/IAMFullAccess" }],
    CKV_AWS_393: ["aws_iam_role", {}],
    CKV_AWS_358: ["data.aws_iam_policy_document", { statement: [{ effect: "Allow", principals: [{ type: "Federated", identifiers: ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"] }] }] }],
    ...Object.fromEntries(["CKV_AWS_109", "CKV_AWS_111", "CKV_AWS_356"].map((id) => [id, ["data.aws_iam_policy_document", { statement: [{ effect: "Allow", actions: ["s3:*"], resources: ["*"] }] }]])),
    CKV2_AWS_71: ["aws_acm_certificate", { domain_name: "*.example.com" }],
    CKV2_AWS_75: ["aws_lambda_function", {}, { aws_lambda_function_url: { url: { function_name: "${aws_lambda_function.x.function_name}", cors: { allow_origins: ["*"] } } } }],
    CKV_AWS_66: ["aws_cloudwatch_log_group", {}],
    CKV_AWS_7: ["aws_kms_key", {}],
    CKV_AWS_33: ["aws_kms_key", {}],
    CKV_AWS_227: ["aws_kms_key", { is_enabled: false }],
    CKV2_AWS_64: ["aws_kms_key", {}],
    CKV_AWS_233: ["aws_acm_certificate", {}],
    CKV_AWS_234: ["aws_acm_certificate", { options: { certificate_transparency_logging_preference: "DISABLED" } }],
    CKV2_AWS_23: ["aws_route53_record", { type: "A", alias: { name: "example.com" } }],
  };
  /** Policy documents for the counter-examples that need one. */
  const docs: Json = {
    resource: {},
    data: {
      aws_iam_policy_document: {
        open: { statement: [{ effect: "Allow", principals: [{ type: "*", identifiers: ["*"] }] }] },
        account: { statement: [{ effect: "Allow", principals: [{ type: "AWS", identifiers: ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"] }] }] },
        lockout: { statement: [{ effect: "Deny", actions: ["s3:*"], principals: [{ type: "*", identifiers: ["*"] }] }] },
      },
    },
  };
  const policyFor: Record<string, Body> = {
    CKV_AWS_70: { policy: "${data.aws_iam_policy_document.open.json}" },
    CKV_AWS_93: { policy: "${data.aws_iam_policy_document.lockout.json}" },
    CKV_AWS_60: { assume_role_policy: "${data.aws_iam_policy_document.open.json}" },
    CKV_AWS_61: { assume_role_policy: "${data.aws_iam_policy_document.account.json}" },
    CKV_AWS_393: { assume_role_policy: "${data.aws_iam_policy_document.account.json}" },
    CKV_AWS_33: { policy: "${data.aws_iam_policy_document.open.json}" },
  };

  it.each(RULES.map((r) => [r.id, r] as const))("%s fails on article or on a counter-example", (id, rule) => {
    if (articleFailing.has(id)) return;
    expect(bad[id]).toBeDefined();
    const [type, body, others = {}] = bad[id];
    const own = { ...body, ...policyFor[id] };
    const json: Json = type.startsWith("data.")
      ? { resource: others, data: { ...docs.data, [type.slice(5)]: { x: own } } }
      : { resource: { ...others, [type]: { x: own } }, data: docs.data };
    expect(rule.check(own, json, `${type}.x`, type)).toBe("fail");
  });
});
