/**
 * The `stacks` entry of cdktf.json's context: one entry per stack, keyed by stack name.
 *
 * An entry may give the reference's root inputs as literals; every input it omits becomes a
 * Terraform variable with the reference's name, so tfvars files and workspace variables keep
 * working. The other keys are options; each option's default keeps the reference's JSON.
 * Everything is checked here, before anything reaches Terraform, and all problems are reported
 * together, each with its path (`stacks.prod.baseName`), the value and the rule.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { GATE_ENVIRONMENT_NAMES } from "../constructs/gate-environment";
import type { HttpTargetProps } from "../constructs/targets/http-target";
import { LOG_RETENTION_DAYS, RESERVED_LAMBDA_ENVIRONMENT, Rule, baseNameDerivations, pattern, problem, rules } from "../constructs/rules";
import { parseName } from "../functions/lib/x509";
import { PROVIDER_TRACKS, type ProviderTrack } from "./provider-tracks";
import type { TrackSwitchStep } from "./reference-track-switch";
import { passthroughRefusal, providerTrackProblems } from "./refusals";

/** The reference's root inputs (omitted → Terraform variable). */
export interface StackInputs {
  /** Prefix of every name (variable `base_name`). */
  readonly baseName?: string;
  /** `Name` tags of the ALB's subnets (variable `subnets`). */
  readonly subnets?: string[];
  /** Route53 hosted zone name (variable `host_zone_name`). */
  readonly hostZoneName?: string;
  /** Cloudflare zone name (variable `cloudflare_zone_name`). */
  readonly cloudflareZoneName?: string;
  /** Cloudflare account ID (variable `cloudflare_account_id`). */
  readonly cloudflareAccountId?: string;
  /** E-mail addresses Access lets in (variable `access_allowed_email`). */
  readonly accessAllowedEmail?: string[];
  /** AWS region of the provider. Not a variable in the reference. @default "ap-northeast-1" */
  readonly region?: string;
}

export type MtlsMode = "verify" | "passthrough" | "off";

export interface MtlsOptions {
  /** @default "verify" */
  readonly mode?: MtlsMode;
  /** Verify only: accept expired client certificates. */
  readonly ignoreClientCertificateExpiry?: boolean;
  /** Verify only: advertise the trust store's CA names in the handshake. */
  readonly advertiseTrustStoreCaNames?: boolean;
  /** Verify only, with `certificates`: CRL files attached to the trust store. */
  readonly revocationLists?: string[];
  /** Pass-through only: the backend accepts only these subjects (ALB format `CN=…,O=…`). */
  readonly allowedSubjects?: string[];
  /** Pass-through only: the backend accepts only these serial numbers (hex). */
  readonly allowedSerials?: string[];
}

/** Bring your own CA and client certificate: Terraform generates no private key. */
export interface CertificateOptions {
  /** PEM file of the CA certificates client certificates chain to (public certificates only). */
  readonly caBundleFile: string;
  /** ID of an origin-pull certificate already uploaded to Cloudflare (no key through Terraform). */
  readonly originPullCertificateId?: string;
  /** Or: the client certificate (PEM file) Terraform uploads to Cloudflare… */
  readonly originPullCertificateFile?: string;
  /** …with its private key (PEM file; it ends up in the state through the Cloudflare provider). */
  readonly originPullPrivateKeyFile?: string;
}

export type BackendOptions =
  | { readonly type: "local"; readonly path?: string }
  | {
      readonly type: "s3";
      readonly bucket: string;
      readonly key: string;
      readonly region: string;
      readonly useLockfile?: boolean;
      readonly dynamodbTable?: string;
      readonly encrypt?: boolean;
      readonly kmsKeyId?: string;
    }
  | {
      readonly type: "cloud";
      readonly organization: string;
      readonly workspace?: string;
      readonly workspaceTags?: string[];
      readonly project?: string;
      readonly hostname?: string;
    };

/** An application's own Lambda function, bundled from your source (see README "Applications"). */
export interface LambdaApplicationTarget {
  /** Your handler's source file (.ts, .mts, .js, .mjs, .cjs), relative to cdktf.json's folder. */
  readonly entry: string;
  /** `index.<exported function>`. @default "index.handler" */
  readonly handler?: string;
  /** @default "nodejs22.x" */
  readonly runtime?: "nodejs20.x" | "nodejs22.x";
  /** @default "arm64" */
  readonly architecture?: "arm64" | "x86_64";
  /** MB, 128–10240. @default 128 */
  readonly memorySize?: number;
  /** Seconds, 1–900. @default 3 */
  readonly timeout?: number;
  /** Environment variables (not the gate's or Lambda's reserved names). @default none */
  readonly environment?: Record<string, string>;
  /** One of CloudWatch Logs' retention periods. @default 14 */
  readonly logRetentionDays?: number;
}

/** Instances or IPs in the ALB's VPC: HttpTarget's props without what the stack wires (VPC, ALB security group, names). */
export type HttpApplicationTarget = Pick<HttpTargetProps, "targetType" | "port" | "protocol" | "targets" | "healthCheck" | "securityGroupId">;

/** One application behind the gate; exactly one of `lambda`, `lambdaArn` or `http`. */
export interface ApplicationConfig {
  /** Label in the Cloudflare zone: `<hostname>.<cloudflare zone>`; also the Access application's name. @default the application's key */
  readonly hostname?: string;
  /** @default the stack's accessAllowedEmail */
  readonly accessAllowedEmail?: string[];
  /** @default the stack's accessAllowedEmailDomains */
  readonly accessAllowedEmailDomains?: string[];
  /** @default the stack's accessSessionDuration */
  readonly accessSessionDuration?: string;
  /** Path patterns forwarded to this application (at most 4). @default all paths */
  readonly pathPatterns?: string[];
  /** Listener rule priority. @default 100 + 10 × the application's position in the config */
  readonly priority?: number;
  /** @default "<base>-<key>" */
  readonly targetGroupName?: string;
  /** Your Lambda code, bundled by the project. */
  readonly lambda?: LambdaApplicationTarget;
  /** An existing function's ARN: the stack adds only the target group, invoke permission and attachment. */
  readonly lambdaArn?: string;
  /** Instances or IPs in the ALB's VPC. */
  readonly http?: HttpApplicationTarget;
  /**
   * The target verifies the client certificate itself (pass-through mode): required there for
   * `lambdaArn` and `http` targets, and for a `lambda` entry that does not use `withGate`. @default false
   */
  readonly verifiesClientCertificate?: boolean;
}

export interface StackOptions {
  /** First label of the application hostname (`<name>.<cloudflare zone>`) and the Access application's name. @default "alb-mtls-test" */
  readonly applicationName?: string;
  /** Name of the Lambda target group (unique per account and region). @default "lambda-target" */
  readonly targetGroupName?: string;
  /** E-mail domains Access lets in (the reference module's `email_domain_list`). @default [] */
  readonly accessAllowedEmailDomains?: string[];
  /** Access session length. @default "72h" */
  readonly accessSessionDuration?: string;
  /** The listener's client-certificate handling. @default { mode: "verify" } */
  readonly mtls?: MtlsOptions;
  /** Bring your own CA and client certificate. @default generated by Terraform, as in the reference */
  readonly certificates?: CertificateOptions;
  /** Verify the Cloudflare Access JWT at the origin; `true` takes the team domain from the variable `access_team_domain`. @default off */
  readonly accessJwt?: true | { readonly teamDomain: string };
  /** ALB ingress only from Cloudflare's published IP ranges. @default false (0.0.0.0/0) */
  readonly originLockdown?: boolean;
  /** Block public access, encrypt, version and require TLS on the trust-store bucket. @default false */
  readonly secureBuckets?: boolean;
  /** ALB access and connection logs to a locked-down bucket `<base>-alb-logs`. @default false */
  readonly albLogs?: boolean | { readonly retentionDays?: number };
  /** WAFv2 web ACL (REGIONAL) to associate with the ALB; `true` takes it from the variable `waf_web_acl_arn`. @default none */
  readonly wafWebAclArn?: true | string;
  /** ALB deletion protection. @default false */
  readonly deletionProtection?: boolean;
  /** Retention of the functions' log groups (an application's `logRetentionDays` wins). @default 14 (the reference's) */
  readonly logRetentionDays?: number;
  /** Encrypt the functions' log groups with a KMS key: `true` makes one (`alias/<base>-logs`, rotated yearly), or give a key ARN. @default CloudWatch Logs' own encryption */
  readonly logsKmsKey?: true | string;
  /** Concurrent executions reserved for each function of the stack. @default none */
  readonly lambdaReservedConcurrency?: number;
  /** X-Ray active tracing on each function of the stack. @default false */
  readonly lambdaTracing?: boolean;
  /** ACLs disabled on every bucket (BucketOwnerEnforced), lifecycle housekeeping (incomplete uploads aborted after 7 days, old versions of the trust store's objects deleted after 90). @default false */
  readonly bucketControls?: boolean;
  /** S3 server access logs of the trust-store and ALB-log buckets to a bucket `<base>-s3-access-logs` (objects deleted after `retentionDays`, default 365). @default false */
  readonly bucketAccessLogs?: boolean | { readonly retentionDays?: number };
  /** The ALB's security group: egress only to http targets' security groups, every rule described. @default false (all egress) */
  readonly strictSecurityGroups?: boolean;
  /** `validation` blocks on the Terraform variables, same rules as synth. @default false */
  readonly variableValidation?: boolean;
  /** Where the state lives. @default { type: "local" } */
  readonly backend?: BackendOptions;
  /** Emit `moved` blocks from the reference HCL's addresses, to take over its state. @default false */
  readonly adoptReference?: boolean;
  /**
   * The provider versions the stack is written for (docs/provider-tracks.md): "reference" (AWS
   * `~> 5.0`, Cloudflare 4.52.0), "current" (AWS `~> 6.0`, Cloudflare `~> 5.14.0`, v5 resources) or
   * "aws-current" (AWS `~> 6.0` with Cloudflare 4.52.0: the AWS step of the move). @default "reference"
   */
  readonly providers?: ProviderTrack;
  /**
   * The two configuration steps of the move from providers "reference" to "current"
   * (docs/provider-tracks.md): "forget" (on "reference" or "aws-current": the Cloudflare v4
   * entries leave the state through `removed` blocks, the objects stay) and then "import" (on
   * "current": `import` blocks with the IDs `npm run track-switch` wrote). Remove it after each
   * apply. @default none
   */
  readonly switchFromReferenceTrack?: TrackSwitchStep;
  /**
   * Your applications, keyed by name, on one ALB, listener and trust store, each on its own
   * hostname. @default none: the reference's single echo (or guard) application
   */
  readonly applications?: Record<string, ApplicationConfig>;
}

export interface StackConfig extends StackInputs, StackOptions {}

/** Every problem found in the configuration, each naming its context path. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration in cdktf.json (context.stacks):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

// ---------------------------------------------------------------------------------------------
// A small declarative schema: what each key may hold.

type FileContent = "certificates" | "crl" | "private-key" | "source";
type Field =
  | { kind: "string"; rule?: Rule; what?: string; pattern?: { re: RegExp; allowed: string } }
  | { kind: "strings"; rule?: Rule; nonEmpty?: boolean }
  | { kind: "boolean" }
  | { kind: "integer"; min: number; max: number }
  | { kind: "enum"; values: readonly (string | number)[] }
  | { kind: "file"; content: FileContent }
  | { kind: "files"; content: FileContent }
  | ObjectField
  | { kind: "booleanOrObject"; object: ObjectField; onlyTrue?: boolean }
  | { kind: "trueOr"; field: Field }
  | { kind: "tagged"; tag: string; variants: Record<string, ObjectField> }
  | { kind: "record"; key: Rule; value: Field; nonEmpty?: boolean };
interface ObjectField {
  kind: "object";
  fields: Record<string, Field>;
  required?: string[];
}

const obj = (fields: Record<string, Field>, required: string[] = []): ObjectField => ({ kind: "object", fields, required });
const str = (rule?: Rule, what?: string): Field => ({ kind: "string", rule, what });
const strs = (rule?: Rule, nonEmpty = false): Field => ({ kind: "strings", rule, nonEmpty });
const bool: Field = { kind: "boolean" };
const int = (min: number, max: number): Field => ({ kind: "integer", min, max });

const APPLICATION = obj({
  hostname: str(rules.dnsLabel),
  accessAllowedEmail: strs(rules.email),
  accessAllowedEmailDomains: strs(rules.emailDomain),
  accessSessionDuration: str(rules.sessionDuration),
  pathPatterns: strs(rules.pathPattern, true),
  priority: int(1, 50000),
  targetGroupName: str(rules.targetGroupName),
  lambda: obj(
    {
      entry: { kind: "file", content: "source" },
      handler: str(rules.lambdaHandler),
      runtime: { kind: "enum", values: ["nodejs20.x", "nodejs22.x"] },
      architecture: { kind: "enum", values: ["arm64", "x86_64"] },
      memorySize: int(128, 10240),
      timeout: int(1, 900),
      environment: { kind: "record", key: rules.environmentName, value: str() },
      logRetentionDays: { kind: "enum", values: LOG_RETENTION_DAYS },
    },
    ["entry"],
  ),
  lambdaArn: str(rules.lambdaFunctionArn),
  http: obj(
    {
      targetType: { kind: "enum", values: ["instance", "ip"] },
      port: int(1, 65535),
      protocol: { kind: "enum", values: ["HTTP", "HTTPS"] },
      targets: strs(),
      healthCheck: obj({
        path: str(rules.healthCheckPath),
        matcher: str(rules.healthCheckMatcher),
        intervalSeconds: int(5, 300),
        timeoutSeconds: int(2, 120),
        healthyThreshold: int(2, 10),
        unhealthyThreshold: int(2, 10),
      }),
      securityGroupId: str(rules.securityGroupId),
    },
    ["targetType", "port"],
  ),
  verifiesClientCertificate: bool,
});

const ENTRY = obj({
  baseName: str(), // checked through its derived names below
  subnets: strs(undefined, true),
  hostZoneName: str(rules.domainName),
  cloudflareZoneName: str(rules.domainName),
  cloudflareAccountId: str(rules.cloudflareAccountId),
  accessAllowedEmail: strs(rules.email),
  region: str(rules.awsRegion),
  applicationName: str(rules.dnsLabel),
  targetGroupName: str(rules.targetGroupName),
  accessAllowedEmailDomains: strs(rules.emailDomain),
  accessSessionDuration: str(rules.sessionDuration),
  mtls: obj({
    mode: { kind: "enum", values: ["verify", "passthrough", "off"] },
    ignoreClientCertificateExpiry: bool,
    advertiseTrustStoreCaNames: bool,
    revocationLists: { kind: "files", content: "crl" },
    allowedSubjects: strs(),
    allowedSerials: strs(rules.serialNumber),
  }),
  certificates: obj(
    {
      caBundleFile: { kind: "file", content: "certificates" },
      originPullCertificateId: str(),
      originPullCertificateFile: { kind: "file", content: "certificates" },
      originPullPrivateKeyFile: { kind: "file", content: "private-key" },
    },
    ["caBundleFile"],
  ),
  accessJwt: { kind: "booleanOrObject", onlyTrue: true, object: obj({ teamDomain: str(rules.domainName) }, ["teamDomain"]) },
  originLockdown: bool,
  secureBuckets: bool,
  albLogs: { kind: "booleanOrObject", object: obj({ retentionDays: { kind: "integer", min: 1, max: 3650 } }) },
  wafWebAclArn: { kind: "trueOr", field: str(rules.wafWebAclArn) },
  deletionProtection: bool,
  logRetentionDays: { kind: "enum", values: LOG_RETENTION_DAYS },
  logsKmsKey: { kind: "trueOr", field: str(rules.kmsKeyArn) },
  lambdaReservedConcurrency: int(1, 10000),
  lambdaTracing: bool,
  strictSecurityGroups: bool,
  bucketControls: bool,
  bucketAccessLogs: { kind: "booleanOrObject", object: obj({ retentionDays: { kind: "integer", min: 1, max: 3650 } }) },
  variableValidation: bool,
  backend: {
    kind: "tagged",
    tag: "type",
    variants: {
      local: obj({ path: str() }),
      s3: obj(
        {
          bucket: str(rules.s3BucketName),
          key: { kind: "string", pattern: { re: /^[^/].*[^/]$|^[^/]$/, allowed: "an object key, not starting or ending with \"/\"" } },
          region: str(rules.awsRegion),
          useLockfile: bool,
          dynamodbTable: str(),
          encrypt: bool,
          kmsKeyId: str(),
        },
        ["bucket", "key", "region"],
      ),
      cloud: obj(
        { organization: str(), workspace: str(), workspaceTags: strs(undefined, true), project: str(), hostname: str(rules.domainName) },
        ["organization"],
      ),
    },
  },
  adoptReference: bool,
  providers: { kind: "enum", values: PROVIDER_TRACKS },
  switchFromReferenceTrack: { kind: "enum", values: ["forget", "import"] },
  applications: {
    kind: "record",
    key: pattern("an application name: a lowercase letter, then up to 31 lowercase letters, digits and hyphens", "^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$"),
    value: APPLICATION,
    nonEmpty: true,
  },
});

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array ${JSON.stringify(value)}`;
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "object") return "an object";
  return `the ${typeof value} ${String(value)}`;
}

/** The closest allowed key, for "did you mean" hints on typos. */
function closest(key: string, allowed: string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const cur = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
        prev = cur;
      }
    }
    return row[b.length];
  };
  // A key that is the start of an allowed one ("memory" → "memorySize") is the likeliest meaning.
  const prefixed = allowed.find((k) => key.length >= 3 && k.toLowerCase().startsWith(key.toLowerCase()));
  if (prefixed) return prefixed;
  const best = allowed.map((k) => ({ k, d: distance(key, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= 3 ? best.k : undefined;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PEM_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

class Checker {
  readonly problems: string[] = [];
  constructor(private readonly baseDir: string) {}

  check(value: unknown, field: Field, path: string): void {
    const p = this.problems;
    switch (field.kind) {
      case "string":
        if (typeof value !== "string") return void p.push(`${path}: expected a string, got ${describe(value)}`);
        if (field.rule && !field.rule.test(value)) p.push(problem(path, value, field.rule, field.what));
        if (field.pattern && !field.pattern.re.test(value)) p.push(`${path}: ${JSON.stringify(value)} must be ${field.pattern.allowed}`);
        return;
      case "strings":
        if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
          return void p.push(`${path}: expected an array of strings, got ${describe(value)}`);
        }
        if (field.nonEmpty && value.length === 0) p.push(`${path}: must not be empty`);
        value.forEach((v, i) => {
          if (field.rule && !field.rule.test(v)) p.push(problem(`${path}[${i}]`, v, field.rule));
        });
        return;
      case "boolean":
        if (typeof value !== "boolean") p.push(`${path}: expected true or false, got ${describe(value)}`);
        return;
      case "integer":
        if (typeof value !== "number" || !Number.isInteger(value) || value < field.min || value > field.max) {
          p.push(`${path}: expected a whole number from ${field.min} to ${field.max}, got ${describe(value)}`);
        }
        return;
      case "enum":
        if ((typeof value !== "string" && typeof value !== "number") || !field.values.includes(value)) {
          p.push(`${path}: expected one of ${field.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describe(value)}`);
        }
        return;
      case "file":
        return this.checkFile(value, field.content, path);
      case "files":
        if (!Array.isArray(value)) return void p.push(`${path}: expected an array of file paths, got ${describe(value)}`);
        return value.forEach((v, i) => this.checkFile(v, field.content, `${path}[${i}]`));
      case "booleanOrObject":
        if (value === true || (value === false && !field.onlyTrue)) return;
        if (typeof value === "boolean") return void p.push(`${path}: expected true or an object, got false (leave the key out instead)`);
        return this.check(value, field.object, path);
      case "trueOr":
        if (value === true) return;
        return this.check(value, field.field, path);
      case "tagged": {
        const tag = (value as Record<string, unknown> | null)?.[field.tag];
        const variant = typeof tag === "string" ? field.variants[tag] : undefined;
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
          return void p.push(`${path}: expected an object, got ${describe(value)}`);
        }
        if (!variant) {
          const allowed = Object.keys(field.variants).map((v) => JSON.stringify(v)).join(", ");
          return void p.push(`${path}.${field.tag}: expected one of ${allowed}, got ${describe(tag)}`);
        }
        return this.check(value, { ...variant, fields: { [field.tag]: { kind: "string" }, ...variant.fields } }, path);
      }
      case "record": {
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
          return void p.push(`${path}: expected an object keyed by name, got ${describe(value)}`);
        }
        if (field.nonEmpty && Object.keys(value).length === 0) p.push(`${path}: must not be empty (leave the key out instead)`);
        for (const [key, v] of Object.entries(value)) {
          if (!field.key.test(key)) p.push(`${path}: key ${JSON.stringify(key)} must be ${field.key.allowed}`);
          this.check(v, field.value, `${path}.${key}`);
        }
        return;
      }
      case "object": {
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
          return void p.push(`${path}: expected an object, got ${describe(value)}`);
        }
        const allowed = Object.keys(field.fields);
        for (const [key, v] of Object.entries(value)) {
          const sub = field.fields[key];
          if (sub === undefined) {
            const hint = closest(key, allowed);
            p.push(`${path}.${key}: unknown key${hint ? ` (did you mean "${hint}"?)` : ""}; allowed keys: ${allowed.join(", ")}`);
          } else {
            this.check(v, sub, `${path}.${key}`);
          }
        }
        for (const key of field.required ?? []) {
          if (!(key in value)) p.push(`${path}.${key}: required`);
        }
      }
    }
  }

  private checkFile(value: unknown, content: FileContent, path: string): void {
    if (typeof value !== "string") return void this.problems.push(`${path}: expected a file path, got ${describe(value)}`);
    const file = isAbsolute(value) ? value : resolve(this.baseDir, value);
    if (!existsSync(file)) return void this.problems.push(`${path}: file ${JSON.stringify(value)} not found (relative paths start at cdktf.json's folder)`);
    if (!statSync(file).isFile()) return void this.problems.push(`${path}: ${JSON.stringify(value)} is a folder; give a file`);
    const data = readFileSync(file);
    const text = data.toString("latin1");
    const isPem = text.includes("-----BEGIN");
    if (content === "certificates") {
      if (PEM_KEY.test(text)) this.problems.push(`${path}: ${JSON.stringify(value)} holds a private key; give certificates only`);
      else if (!PEM_CERT.test(text)) this.problems.push(`${path}: ${JSON.stringify(value)} holds no PEM certificate`);
    } else if (content === "source") {
      if (!/\.(ts|mts|cts|js|mjs|cjs)$/.test(value)) this.problems.push(`${path}: ${JSON.stringify(value)} must be a TypeScript or JavaScript file (.ts, .mts, .cts, .js, .mjs, .cjs)`);
    } else if (content === "private-key") {
      if (!PEM_KEY.test(text)) this.problems.push(`${path}: ${JSON.stringify(value)} holds no PEM private key`);
    } else if (isPem ? !text.includes("-----BEGIN X509 CRL-----") : data[0] !== 0x30) {
      this.problems.push(`${path}: ${JSON.stringify(value)} is not a certificate revocation list (PEM "X509 CRL" or DER)`);
    }
  }
}

/** Rules that span several keys. */
function crossChecks(c: StackConfig, at: string, p: string[]): void {
  if (typeof c.baseName === "string") {
    for (const d of baseNameDerivations) {
      const name = d.derive(c.baseName);
      if (!d.rule.test(name)) p.push(problem(`${at}.baseName`, c.baseName, d.rule, `the ${d.what} ${JSON.stringify(name)}`));
    }
  }
  if (typeof c.baseName === "string" && c.albLogs && !rules.s3BucketName.test(`${c.baseName}-alb-logs`)) {
    p.push(problem(`${at}.baseName`, c.baseName, rules.s3BucketName, `the log bucket ${JSON.stringify(`${c.baseName}-alb-logs`)}`));
  }
  if (typeof c.baseName === "string" && c.bucketAccessLogs && !rules.s3BucketName.test(`${c.baseName}-s3-access-logs`)) {
    p.push(problem(`${at}.baseName`, c.baseName, rules.s3BucketName, `the access-log bucket ${JSON.stringify(`${c.baseName}-s3-access-logs`)}`));
  }
  const mode = c.mtls?.mode ?? "verify";
  if (mode !== "verify") {
    for (const key of ["ignoreClientCertificateExpiry", "advertiseTrustStoreCaNames", "revocationLists"] as const) {
      if (c.mtls?.[key] !== undefined) p.push(`${at}.mtls.${key}: applies to mode "verify" only; mode is ${JSON.stringify(mode)}`);
    }
  }
  if (mode !== "passthrough") {
    for (const key of ["allowedSubjects", "allowedSerials"] as const) {
      if (c.mtls?.[key] !== undefined) p.push(`${at}.mtls.${key}: applies to mode "passthrough" only (the backend checks it); mode is ${JSON.stringify(mode)}`);
    }
  }
  // The gate compares subjects as parsed RFC 4514 names; an entry it cannot parse would make it refuse to start.
  (c.mtls?.allowedSubjects ?? []).forEach((subject, i) => {
    try {
      parseName(subject);
    } catch (e) {
      p.push(`${at}.mtls.allowedSubjects[${i}]: not an RFC 4514 name (${(e as Error).message}); escape , + " \\ < > ; with a backslash`);
    }
  });
  if (c.mtls?.revocationLists !== undefined && c.certificates === undefined) {
    p.push(`${at}.mtls.revocationLists: needs certificates.caBundleFile: a CRL is signed by your own CA, and a CA generated by Terraform has no CRL`);
  }
  const certs = c.certificates;
  if (certs) {
    const files = [certs.originPullCertificateFile, certs.originPullPrivateKeyFile].filter((f) => f !== undefined).length;
    if (certs.originPullCertificateId !== undefined && files > 0) {
      p.push(`${at}.certificates.originPullCertificateId: give either it or originPullCertificateFile + originPullPrivateKeyFile, not both`);
    } else if (files === 1) {
      p.push(`${at}.certificates: originPullCertificateFile and originPullPrivateKeyFile go together`);
    }
  }
  const emails = c.accessAllowedEmail;
  const domains = c.accessAllowedEmailDomains ?? [];
  if (Array.isArray(emails) && emails.length === 0 && domains.length === 0) {
    p.push(`${at}.accessAllowedEmail: empty, and no accessAllowedEmailDomains: Access needs at least one include rule, or nobody can log in`);
  }
  for (const { key, message } of providerTrackProblems(c)) p.push(`${at}.${key}: ${message}`);
  if (c.backend?.type === "cloud") {
    const b = c.backend;
    if ((b.workspace === undefined) === (b.workspaceTags === undefined)) {
      p.push(`${at}.backend: a "cloud" backend needs exactly one of workspace (a name) or workspaceTags`);
    }
  }
}

const TARGET_KINDS = ["lambda", "lambdaArn", "http"] as const;
/** Environment names a `lambda` application may not set: Lambda's reserved ones and the gate's. */
const RESERVED_ENVIRONMENT: readonly string[] = [...RESERVED_LAMBDA_ENVIRONMENT, ...GATE_ENVIRONMENT_NAMES];

/** Rules across the applications of one stack, and between them and the stack's keys. */
function applicationChecks(c: StackConfig, at: string, p: string[]): void {
  const apps = c.applications;
  if (apps === undefined) return;
  for (const key of ["applicationName", "targetGroupName"] as const) {
    if (c[key] !== undefined) p.push(`${at}.${key}: names the stack's single default application; with applications, set hostname / targetGroupName on each`);
  }
  if (c.adoptReference) p.push(`${at}.adoptReference: moves the reference's single application; adopt first, then add applications in a later change`);
  const mode = c.mtls?.mode ?? "verify";
  const hostnames = new Map<string, string>();
  const priorities = new Map<number, string>();
  const targetGroups = new Map<string, string>();
  Object.entries(apps).forEach(([key, app], position) => {
    const here = `${at}.applications.${key}`;
    const kinds = TARGET_KINDS.filter((k) => app[k] !== undefined);
    if (kinds.length !== 1) {
      p.push(`${here}: give exactly one target: lambda (your code), lambdaArn (an existing function) or http (instances or IPs)${kinds.length ? `; got ${kinds.join(" and ")}` : ""}`);
    }
    const hostname = app.hostname ?? key;
    const clash = hostnames.get(hostname);
    if (clash) p.push(`${here}.hostname: ${JSON.stringify(hostname)} is also the hostname of ${clash}; each application needs its own`);
    else hostnames.set(hostname, `applications.${key}`);
    const priority = app.priority ?? 100 + 10 * position;
    const taken = priorities.get(priority);
    if (taken) p.push(`${here}.priority: ${priority}${app.priority === undefined ? " (derived: 100 + 10 × position)" : ""} is also the priority of ${taken}; give each a distinct priority`);
    else priorities.set(priority, `applications.${key}`);
    const paths = app.pathPatterns ?? [];
    paths.forEach((path, i) => {
      if (paths.indexOf(path) < i) p.push(`${here}.pathPatterns[${i}]: ${JSON.stringify(path)} is given twice`);
    });
    if (paths.length > 4) p.push(`${here}.pathPatterns: ${paths.length} patterns; at most 4 (a listener rule takes 5 condition values and the host header uses one)`);
    const emails = app.accessAllowedEmail ?? c.accessAllowedEmail;
    const domains = app.accessAllowedEmailDomains ?? c.accessAllowedEmailDomains ?? [];
    if (Array.isArray(emails) && emails.length === 0 && domains.length === 0) {
      p.push(`${here}: no e-mail and no e-mail domain for its Access policy (its own or the stack's): nobody could log in`);
    }
    const base = c.baseName;
    if (typeof base === "string") {
      const derived: [string, string, Rule, boolean][] = [
        ["Lambda function name", `${base}-${key}`, rules.lambdaFunctionName, app.lambda !== undefined],
        ["IAM role name", `${base}-${key}-role`, rules.iamRoleName, app.lambda !== undefined],
        ["target group name", `${base}-${key}`, rules.targetGroupName, app.targetGroupName === undefined],
      ];
      for (const [what, name, rule, applies] of derived) {
        if (applies && !rule.test(name)) p.push(`${here}: the ${what} ${JSON.stringify(name)} (baseName-key) must be ${rule.allowed}; shorten the key or baseName${what.startsWith("target") ? ", or set targetGroupName" : ""}`);
      }
    }
    const group = app.targetGroupName ?? (typeof base === "string" ? `${base}-${key}` : undefined);
    if (group !== undefined) {
      const owner = targetGroups.get(group);
      if (owner) p.push(`${here}.targetGroupName: ${JSON.stringify(group)} is also the target group of ${owner}`);
      else targetGroups.set(group, `applications.${key}`);
    }
    for (const name of Object.keys(app.lambda?.environment ?? {})) {
      if (RESERVED_ENVIRONMENT.includes(name)) {
        p.push(`${here}.lambda.environment.${name}: reserved (${GATE_ENVIRONMENT_NAMES.includes(name) ? "the stack sets it for the gate" : "by Lambda"}); choose another name`);
      }
    }
    if (app.http) httpChecks(app.http, `${here}.http`, p);
    if (mode === "passthrough" && (app.lambdaArn !== undefined || app.http !== undefined) && !app.verifiesClientCertificate) {
      p.push(`${here}: ${passthroughRefusal(app.http ? "http" : "lambdaArn")}`);
    }
    if (mode !== "passthrough" && app.verifiesClientCertificate !== undefined) {
      p.push(`${here}.verifiesClientCertificate: applies to mtls.mode "passthrough" only (in "${mode}" mode the ALB ${mode === "verify" ? "verifies" : "asks for no certificate"})`);
    }
  });
}

function httpChecks(http: HttpApplicationTarget, at: string, p: string[]): void {
  const rule = http.targetType === "ip" ? rules.privateIpv4 : rules.instanceId;
  (http.targets ?? []).forEach((target, i, all) => {
    if (!rule.test(target)) p.push(problem(`${at}.targets[${i}]`, target, rule, undefined) + ` (targetType "${http.targetType}")`);
    else if (all.indexOf(target) < i) p.push(`${at}.targets[${i}]: ${JSON.stringify(target)} is given twice`);
  });
  const hc = http.healthCheck;
  if (hc) {
    const [interval, timeout] = [hc.intervalSeconds ?? 30, hc.timeoutSeconds ?? 5];
    if (timeout >= interval) p.push(`${at}.healthCheck.timeoutSeconds: ${timeout} must be less than intervalSeconds (${interval}${hc.intervalSeconds === undefined ? ", the default" : ""})`);
  }
}

const STACK_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * Checks the raw `stacks` context value and returns the typed entries. Throws a ConfigError that
 * lists every problem with its path. `baseDir` is where relative file paths start (cdktf.json's folder).
 */
export function parseStacks(raw: unknown, baseDir = process.cwd(), path = "stacks"): Record<string, StackConfig> {
  if (raw === undefined) {
    throw new ConfigError([`${path}: missing. Add "context": { "stacks": { "<name>": { ... } } } to cdktf.json.`]);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ConfigError([`${path}: expected an object keyed by stack name, got ${describe(raw)}`]);
  }
  const checker = new Checker(baseDir);
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) checker.problems.push(`${path}: no stacks defined; add at least one entry, e.g. "article": {}`);
  for (const [name, entry] of entries) {
    const at = `${path}.${name}`;
    if (!STACK_NAME.test(name)) {
      checker.problems.push(`${at}: invalid stack name ${JSON.stringify(name)}; use a letter, then letters, digits, "-" or "_"`);
    }
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      checker.problems.push(`${at}: expected an object of inputs, got ${describe(entry)}`);
      continue;
    }
    const before = checker.problems.length;
    checker.check(entry, ENTRY, at);
    if (checker.problems.length === before) {
      crossChecks(entry as StackConfig, at, checker.problems);
      applicationChecks(entry as StackConfig, at, checker.problems);
    }
  }
  if (checker.problems.length > 0) throw new ConfigError(checker.problems);
  return Object.fromEntries(entries) as Record<string, StackConfig>;
}
