/**
 * The checks of AlbMtlsStack's props: every refusal, for a stack written in TypeScript and for a
 * cdktf.json entry alike (stacks/config.ts maps the JSON to these props and calls the same
 * checks). All problems are found at once, each named by its prop path (`applications.web.hostname`,
 * or `stacks.prod.applications.web.hostname` for cdktf.json), with the value and the rule.
 *
 * A declarative schema gives each prop's type and rule, unknown keys get a "did you mean" hint;
 * rules that span several props follow. Values that are Terraform tokens (a variable's
 * `stringValue`) are left to Terraform. Relative file paths start at `baseDir` (cdktf.json's folder).
 */
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { MUTUAL_TLS_MODES, VERIFY_ONLY_OPTIONS } from "../constructs/alb";
import { noWayIn } from "../constructs/cloudflare/access";
import { certificateFileProblems } from "../constructs/certificate-file";
import { fileProblem, isLiteral } from "../constructs/errors";
import { GATE_ENVIRONMENT_NAMES } from "../constructs/gate-environment";
import { LAMBDA_ARCHITECTURES } from "../constructs/lambda-backend";
import { HTTP_TARGET_PROTOCOLS, HTTP_TARGET_TYPES } from "../constructs/targets/http-target";
import { LOG_RETENTION_DAYS, RESERVED_LAMBDA_ENVIRONMENT, Rule, baseNameDerivations, closest, pattern, problem, rules } from "../constructs/rules";
import { parseName } from "../functions/lib/x509";
import type { HttpApplicationTarget, StackConfig } from "./stack-props";
import { LAMBDA_NODEJS_RUNTIMES, PROVIDER_TRACKS, providerTrackProblems } from "./provider-tracks";
import { accessProblems, applicationAccess } from "./access-checks";

// ---------------------------------------------------------------------------------------------
// A small declarative schema: what each key may hold.

type FileContent = "ca-bundle" | "certificate" | "crl" | "private-key" | "source" | "built";
type Field =
  | { kind: "string"; rule?: Rule; what?: string; pattern?: { re: RegExp; allowed: string }; hint?: (value: string, path: string) => string }
  | { kind: "strings"; rule?: Rule; nonEmpty?: boolean }
  | { kind: "boolean" }
  | { kind: "integer"; min: number; max: number }
  | { kind: "integers"; min: number; max: number }
  | { kind: "enum"; values: readonly (string | number)[] }
  | { kind: "file"; content: FileContent }
  | { kind: "files"; content: FileContent }
  | ObjectField
  | { kind: "booleanOrObject"; object: ObjectField; onlyTrue?: boolean }
  | { kind: "trueOr"; field: Field }
  | { kind: "tagged"; tag: string; variants: Record<string, ObjectField> }
  | { kind: "record"; key: Rule; value: Field; nonEmpty?: boolean }
  /** Checked by a rule across keys (access-checks.ts), not by the schema. */
  | { kind: "checkedElsewhere" };
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

/**
 * An application's hostname is one label: the stack appends the Cloudflare zone. The hint shows
 * it with the label the user most likely meant: the first label of what they wrote, as a DNS
 * label (`"Wiki.eu"` → `"wiki" becomes wiki.<zone>`), else the application's key.
 */
function hostnameHint(value: string, path: string): string {
  const label = (value.split(".")[0] ?? "").toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63).replace(/-+$/, "");
  const meant = label || path.split(".").slice(-2)[0];
  return `; the stack appends the Cloudflare zone (${JSON.stringify(meant)} becomes ${meant}.<zone>)`;
}
const HOSTNAME: Field = { kind: "string", rule: rules.dnsLabel, hint: hostnameHint };
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

const APPLICATION = obj({
  hostname: HOSTNAME,
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
      runtime: { kind: "enum", values: LAMBDA_NODEJS_RUNTIMES },
      architecture: { kind: "enum", values: LAMBDA_ARCHITECTURES },
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
      targetType: { kind: "enum", values: HTTP_TARGET_TYPES },
      port: int(1, 65535),
      protocol: { kind: "enum", values: HTTP_TARGET_PROTOCOLS },
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
  access: { kind: "checkedElsewhere" },
});

const ENTRY = obj({
  baseName: str(), // checked through its derived names below
  subnets: strs(undefined, true),
  hostZoneName: str(rules.domainName),
  cloudflareZoneName: str(rules.domainName),
  cloudflareAccountId: str(rules.cloudflareAccountId),
  accessAllowedEmail: strs(rules.email),
  region: str(rules.awsRegion),
  tags: { kind: "record", key: rules.awsTagKey, value: str(rules.awsTagValue), nonEmpty: true },
  applicationName: str(rules.dnsLabel),
  targetGroupName: str(rules.targetGroupName),
  accessAllowedEmailDomains: strs(rules.emailDomain),
  accessSessionDuration: str(rules.sessionDuration),
  access: { kind: "checkedElsewhere" },
  serviceTokens: { kind: "checkedElsewhere" },
  mtls: obj({
    mode: { kind: "enum", values: MUTUAL_TLS_MODES },
    ignoreClientCertificateExpiry: bool,
    advertiseTrustStoreCaNames: bool,
    revocationLists: { kind: "files", content: "crl" },
    allowedSubjects: strs(),
    allowedSerials: strs(rules.serialNumber),
  }),
  certificates: obj(
    {
      caBundleFile: { kind: "file", content: "ca-bundle" },
      originPullCertificateId: str(),
      originPullCertificateFile: { kind: "file", content: "certificate" },
      originPullPrivateKeyFile: { kind: "file", content: "private-key" },
    },
    ["caBundleFile"],
  ),
  certificateLifecycle: {
    kind: "booleanOrObject",
    object: obj({
      clientRenewalHours: int(1, 17519),
      warningDays: int(1, 3650),
      caGeneration: int(1, 99),
      trustedCaGenerations: { kind: "integers", min: 1, max: 99 },
      originPullCertificateExpiresAt: { kind: "string", pattern: { re: RFC3339, allowed: "an RFC 3339 time, e.g. 2027-06-30T00:00:00Z" } },
    }),
  },
  alarms: { kind: "booleanOrObject", onlyTrue: true, object: obj({ snsTopicArn: { kind: "string", pattern: { re: SNS_TOPIC_ARN, allowed: "an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)" } } }) },
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

/** A value as a problem quotes it: `the string "x"`, `the number 42`, `an array [...]`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array ${JSON.stringify(value)}`;
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "object") return "an object";
  return `the ${typeof value} ${String(value)}`;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PEM_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** `path.key`, or `key` at the top of the props. */
const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
/** A string known at synth (not a Terraform token). */
const literal = (value: unknown): value is string => typeof value === "string" && isLiteral(value);

class Checker {
  readonly problems: string[] = [];
  constructor(private readonly baseDir: string) {}

  check(value: unknown, field: Field, path: string): void {
    if (!isLiteral(value)) return; // a Terraform token (a variable's value): Terraform checks it
    const p = this.problems;
    switch (field.kind) {
      case "string":
        if (typeof value !== "string") return void p.push(`${path}: expected a string, got ${describeValue(value)}`);
        if (field.rule && !field.rule.test(value)) p.push(problem(path, value, field.rule, field.what) + (field.hint?.(value, path) ?? ""));
        if (field.pattern && !field.pattern.re.test(value)) p.push(`${path}: ${JSON.stringify(value)} must be ${field.pattern.allowed}`);
        return;
      case "strings":
        if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
          return void p.push(`${path}: expected an array of strings, got ${describeValue(value)}`);
        }
        if (field.nonEmpty && value.length === 0) p.push(`${path}: must not be empty`);
        value.forEach((v, i) => {
          if (field.rule && isLiteral(v) && !field.rule.test(v)) p.push(problem(`${path}[${i}]`, v, field.rule));
        });
        return;
      case "boolean":
        if (typeof value !== "boolean") p.push(`${path}: expected true or false, got ${describeValue(value)}`);
        return;
      case "integer":
        if (typeof value !== "number" || !Number.isInteger(value) || value < field.min || value > field.max) {
          p.push(`${path}: expected a whole number from ${field.min} to ${field.max}, got ${describeValue(value)}`);
        }
        return;
      case "integers":
        if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v) && v >= field.min && v <= field.max)) {
          p.push(`${path}: expected an array of whole numbers from ${field.min} to ${field.max}, got ${describeValue(value)}`);
        }
        return;
      case "enum":
        if ((typeof value !== "string" && typeof value !== "number") || !field.values.includes(value)) {
          p.push(`${path}: expected one of ${field.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(value)}`);
        }
        return;
      case "file":
        return this.checkFile(value, field.content, path);
      case "files":
        if (!Array.isArray(value)) return void p.push(`${path}: expected an array of file paths, got ${describeValue(value)}`);
        return value.forEach((v, i) => this.checkFile(v, field.content, `${path}[${i}]`));
      case "booleanOrObject":
        if (value === true || (value === false && !field.onlyTrue)) return;
        if (typeof value === "boolean") return void p.push(`${path}: expected true or an object, got false (leave the key out instead)`);
        return this.check(value, field.object, path);
      case "trueOr":
        if (value === true) return;
        return this.check(value, field.field, path);
      case "tagged":
        return this.checkTagged(value, field, path);
      case "checkedElsewhere":
        return;
      case "record":
        return this.checkRecord(value, field, path);
      case "object":
        return this.checkObject(value, field, path);
    }
  }

  private checkTagged(value: unknown, field: Extract<Field, { kind: "tagged" }>, path: string): void {
    const p = this.problems;
    const tag = (value as Record<string, unknown> | null)?.[field.tag];
    const variant = typeof tag === "string" ? field.variants[tag] : undefined;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return void p.push(`${path}: expected an object, got ${describeValue(value)}`);
    }
    if (!variant) {
      const allowed = Object.keys(field.variants).map((v) => JSON.stringify(v)).join(", ");
      return void p.push(`${at(path, field.tag)}: expected one of ${allowed}, got ${describeValue(tag)}`);
    }
    this.check(value, { ...variant, fields: { [field.tag]: { kind: "string" }, ...variant.fields } }, path);
  }

  private checkRecord(value: unknown, field: Extract<Field, { kind: "record" }>, path: string): void {
    const p = this.problems;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return void p.push(`${path}: expected an object keyed by name, got ${describeValue(value)}`);
    }
    if (field.nonEmpty && Object.keys(value).length === 0) p.push(`${path}: must not be empty (leave the key out instead)`);
    for (const [key, v] of Object.entries(value)) {
      if (!field.key.test(key)) p.push(`${path}: key ${JSON.stringify(key)} must be ${field.key.allowed}`);
      this.check(v, field.value, at(path, key));
    }
  }

  private checkObject(value: unknown, field: ObjectField, path: string): void {
    const p = this.problems;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return void p.push(`${path || "props"}: expected an object, got ${describeValue(value)}`);
    }
    const given = value as Record<string, unknown>;
    const allowed = Object.keys(field.fields);
    for (const [key, v] of Object.entries(given)) {
      if (v === undefined) continue; // an optional prop written out as undefined (TypeScript): absent
      const sub = field.fields[key];
      if (sub === undefined) {
        const hint = closest(key, allowed);
        p.push(`${at(path, key)}: unknown key${hint ? ` (did you mean "${hint}"?)` : ""}; allowed keys: ${allowed.join(", ")}`);
      } else {
        this.check(v, sub, at(path, key));
      }
    }
    for (const key of field.required ?? []) {
      if (given[key] === undefined) p.push(`${at(path, key)}: required`);
    }
  }

  private checkFile(value: unknown, content: FileContent, path: string): void {
    if (typeof value !== "string") return void this.problems.push(`${path}: expected a file path, got ${describeValue(value)}`);
    const missing = fileProblem(value, this.baseDir);
    if (missing) return void this.problems.push(`${path}: ${missing}`);
    if (content === "built") return;
    const data = readFileSync(isAbsolute(value) ? value : resolve(this.baseDir, value));
    const text = data.toString("latin1");
    const isPem = text.includes("-----BEGIN");
    if (content === "ca-bundle" || content === "certificate") {
      if (PEM_KEY.test(text)) this.problems.push(`${path}: ${JSON.stringify(value)} holds a private key; give certificates only`);
      else if (!PEM_CERT.test(text)) this.problems.push(`${path}: ${JSON.stringify(value)} holds no PEM certificate`);
      // Its dates are read here, at synth: an expired certificate, or a bundle entry that is no CA, stops synth.
      else for (const why of certificateFileProblems(isAbsolute(value) ? value : resolve(this.baseDir, value), content)) this.problems.push(`${path}: ${JSON.stringify(value)}: ${why}`);
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
function crossChecks(c: StackConfig, path: string, p: string[]): void {
  const base = c.baseName;
  if (literal(base)) {
    const derived = [
      ...baseNameDerivations.map((d) => ({ what: d.what, name: d.derive(base), rule: d.rule })),
      ...(c.albLogs ? [{ what: "log bucket", name: `${base}-alb-logs`, rule: rules.s3BucketName }] : []),
      ...(c.bucketAccessLogs ? [{ what: "access-log bucket", name: `${base}-s3-access-logs`, rule: rules.s3BucketName }] : []),
    ];
    for (const d of derived) {
      if (!d.rule.test(d.name)) p.push(problem(at(path, "baseName"), base, d.rule, `the ${d.what} ${JSON.stringify(d.name)}`));
    }
  }
  const mode = c.mtls?.mode ?? "verify";
  if (mode !== "verify") {
    for (const key of [...VERIFY_ONLY_OPTIONS, "revocationLists"] as const) {
      if (c.mtls?.[key] !== undefined) p.push(`${at(path, "mtls")}.${key}: applies to mode "verify" only; mode is ${JSON.stringify(mode)}`);
    }
  }
  if (mode !== "passthrough") {
    for (const key of ["allowedSubjects", "allowedSerials"] as const) {
      if (c.mtls?.[key] !== undefined) p.push(`${at(path, "mtls")}.${key}: applies to mode "passthrough" only (the backend checks it); mode is ${JSON.stringify(mode)}`);
    }
  }
  // The gate compares subjects as parsed RFC 4514 names; an entry it cannot parse would make it refuse to start.
  (c.mtls?.allowedSubjects ?? []).forEach((subject, i) => {
    if (!literal(subject)) return;
    try {
      parseName(subject);
    } catch (e) {
      p.push(`${at(path, "mtls")}.allowedSubjects[${i}]: not an RFC 4514 name (${(e as Error).message}); escape , + " \\ < > ; with a backslash`);
    }
  });
  if (c.mtls?.revocationLists !== undefined && c.certificates === undefined) {
    p.push(`${at(path, "mtls")}.revocationLists: needs certificates.caBundleFile: a CRL is signed by your own CA, and a CA generated by Terraform has no CRL`);
  }
  const certs = c.certificates;
  if (certs) {
    const files = [certs.originPullCertificateFile, certs.originPullPrivateKeyFile].filter((f) => f !== undefined).length;
    if (certs.originPullCertificateId !== undefined && files > 0) {
      p.push(`${at(path, "certificates")}.originPullCertificateId: give either it or originPullCertificateFile + originPullPrivateKeyFile, not both`);
    } else if (files === 1) {
      p.push(`${at(path, "certificates")}: originPullCertificateFile and originPullPrivateKeyFile go together`);
    }
  }
  lifecycleChecks(c, at(path, "certificateLifecycle"), p);
  // An omitted accessAllowedEmail is a variable (Terraform checks it): only an empty literal list is refused.
  if (c.access === undefined && c.accessAllowedEmail !== undefined && noWayIn(c.accessAllowedEmail, c.accessAllowedEmailDomains)) {
    p.push(`${at(path, "accessAllowedEmail")}: empty, and no accessAllowedEmailDomains: Access needs at least one include rule, or nobody can log in`);
  }
  for (const { key, message } of providerTrackProblems(c)) p.push(`${at(path, key)}: ${message}`);
  if (c.backend?.type === "cloud") {
    const b = c.backend;
    if ((b.workspace === undefined) === (b.workspaceTags === undefined)) {
      p.push(`${at(path, "backend")}: a "cloud" backend needs exactly one of workspace (a name) or workspaceTags`);
    }
  }
}

/** certificateLifecycle: CA generations apply to the generated CA; an expiry date only to a certificate given by ID. */
function lifecycleChecks(c: StackConfig, path: string, p: string[]): void {
  const life = typeof c.certificateLifecycle === "object" ? c.certificateLifecycle : undefined;
  if (!life) return;
  if (c.certificates && (life.caGeneration !== undefined || life.trustedCaGenerations !== undefined)) {
    p.push(`${path}.caGeneration: applies to the CA Terraform generates; with certificates.caBundleFile, list the old and the new CA in the bundle file (docs/certificates.md)`);
    return;
  }
  const current = life.caGeneration ?? 1;
  const trusted = life.trustedCaGenerations;
  if (trusted !== undefined) {
    if (!trusted.includes(current)) p.push(`${path}.trustedCaGenerations: ${JSON.stringify(trusted)} must include caGeneration ${current}, the CA that signs the client certificate`);
    if (new Set(trusted).size !== trusted.length) p.push(`${path}.trustedCaGenerations: ${JSON.stringify(trusted)} lists a generation twice`);
    if (trusted.length > 25) p.push(`${path}.trustedCaGenerations: ${trusted.length} generations; an ALB trust store holds at most 25 CA certificates`);
  }
  if (life.clientRenewalHours !== undefined && (c.certificates !== undefined || c.providers === "current")) {
    p.push(`${path}.clientRenewalHours: applies to the client certificate Terraform generates and uploads to Cloudflare; ${c.certificates ? "yours is brought (certificates)" : 'on providers "current" it is uploaded outside Terraform (docs/certificates.md)'}`);
  }
  const byId = c.providers === "current" || (c.certificates !== undefined && c.certificates.originPullCertificateFile === undefined);
  if (life.originPullCertificateExpiresAt !== undefined && !byId) {
    p.push(`${path}.originPullCertificateExpiresAt: applies to a certificate given by ID (certificates.originPullCertificateId, or providers "current"); the stack knows the dates of the certificate it uploads`);
  }
}

const TARGET_KINDS = ["lambda", "lambdaArn", "http"] as const;
/** Environment names a `lambda` application may not set: Lambda's reserved ones and the gate's. */
const RESERVED_ENVIRONMENT: readonly string[] = [...RESERVED_LAMBDA_ENVIRONMENT, ...GATE_ENVIRONMENT_NAMES];

/** Why pass-through mode is refused for a target the project cannot make verify. */
function passthroughRefusal(kind: "http" | "lambdaArn"): string {
  const what = kind === "http" ? "an http target" : "an existing function (lambdaArn)";
  return (
    `mtls.mode is "passthrough": the ALB forwards the client certificate without verifying it, and requests without one reach the target too. ` +
    `The project cannot make ${what} verify it. Use mode "verify", or set verifiesClientCertificate: true if the target checks x-amzn-mtls-clientcert itself`
  );
}

/** Rules across the applications of one stack, and between them and the stack's keys. */
function applicationChecks(c: StackConfig, path: string, p: string[]): void {
  const apps = c.applications;
  if (apps === undefined) return;
  for (const key of ["applicationName", "targetGroupName"] as const) {
    if (c[key] !== undefined) p.push(`${at(path, key)}: names the stack's single default application; with applications, set hostname / targetGroupName on each`);
  }
  if (c.adoptReference) p.push(`${at(path, "adoptReference")}: moves the reference's single application; adopt first, then add applications in a later change`);
  const mode = c.mtls?.mode ?? "verify";
  const hostnames = new Map<string, string>();
  const priorities = new Map<number, string>();
  const targetGroups = new Map<string, string>();
  Object.entries(apps).forEach(([key, app], position) => {
    if (app === undefined) return;
    const here = at(path, `applications.${key}`);
    const kinds = TARGET_KINDS.filter((k) => app[k] !== undefined);
    if (kinds.length !== 1) {
      p.push(`${here}: give exactly one target: lambda (your code), lambdaArn (an existing function) or http (instances or IPs)${kinds.length ? `; got ${kinds.join(" and ")}` : ""}`);
    }
    const hostname = app.hostname ?? key;
    const clash = hostnames.get(hostname);
    if (clash) p.push(`${here}.hostname: ${JSON.stringify(hostname)} is also the hostname of ${clash}; each application needs its own`);
    else if (isLiteral(hostname)) hostnames.set(hostname, `applications.${key}`);
    const priority = app.priority ?? 100 + 10 * position;
    const taken = priorities.get(priority);
    if (taken) p.push(`${here}.priority: ${priority}${app.priority === undefined ? " (derived: 100 + 10 × position)" : ""} is also the priority of ${taken}; give each a distinct priority`);
    else if (isLiteral(priority)) priorities.set(priority, `applications.${key}`);
    const paths = app.pathPatterns ?? [];
    paths.forEach((pattern, i) => {
      if (paths.indexOf(pattern) < i) p.push(`${here}.pathPatterns[${i}]: ${JSON.stringify(pattern)} is given twice`);
    });
    if (isLiteral(paths) && paths.length > 4) p.push(`${here}.pathPatterns: ${paths.length} patterns; at most 4 (a listener rule takes 5 condition values and the host header uses one)`);
    const emails = app.accessAllowedEmail ?? c.accessAllowedEmail;
    if (applicationAccess(c, app) === undefined && emails !== undefined && noWayIn(emails, app.accessAllowedEmailDomains ?? c.accessAllowedEmailDomains)) {
      p.push(`${here}: no e-mail and no e-mail domain for its Access policy (its own or the stack's): nobody could log in`);
    }
    const base = c.baseName;
    if (literal(base)) {
      const derived: [string, string, Rule, boolean][] = [
        ["Lambda function name", `${base}-${key}`, rules.lambdaFunctionName, app.lambda !== undefined],
        ["IAM role name", `${base}-${key}-role`, rules.iamRoleName, app.lambda !== undefined],
        ["target group name", `${base}-${key}`, rules.targetGroupName, app.targetGroupName === undefined],
      ];
      for (const [what, name, rule, applies] of derived) {
        if (applies && !rule.test(name)) p.push(`${here}: the ${what} ${JSON.stringify(name)} (baseName-key) must be ${rule.allowed}; shorten the key or baseName${what.startsWith("target") ? ", or set targetGroupName" : ""}`);
      }
    }
    const group = app.targetGroupName ?? (literal(base) ? `${base}-${key}` : undefined);
    if (literal(group)) {
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

function httpChecks(http: HttpApplicationTarget, path: string, p: string[]): void {
  const rule = http.targetType === "ip" ? rules.privateIpv4 : rules.instanceId;
  (http.targets ?? []).forEach((target, i, all) => {
    if (!isLiteral(target)) return;
    if (!rule.test(target)) p.push(problem(`${path}.targets[${i}]`, target, rule, undefined) + ` (targetType "${http.targetType}")`);
    else if (all.indexOf(target) < i) p.push(`${path}.targets[${i}]: ${JSON.stringify(target)} is given twice`);
  });
  const hc = http.healthCheck;
  if (hc) {
    const [interval, timeout] = [hc.intervalSeconds ?? 30, hc.timeoutSeconds ?? 5];
    if (isLiteral(interval) && isLiteral(timeout) && timeout >= interval) {
      p.push(`${path}.healthCheck.timeoutSeconds: ${timeout} must be less than intervalSeconds (${interval}${hc.intervalSeconds === undefined ? ", the default" : ""})`);
    }
  }
}

/** The props of AlbMtlsStack: a cdktf.json entry's keys, and the built handlers. */
const PROPS = obj({
  ...ENTRY.fields,
  handlers: obj({ echo: { kind: "file", content: "built" }, guard: { kind: "file", content: "built" } }, ["echo", "guard"]),
});

export interface StackCheckOptions {
  /** Where relative file paths start: cdktf.json's folder. */
  readonly baseDir: string;
  /** Prefix of every problem's path, e.g. `stacks.prod` for a cdktf.json entry. @default none: paths start at the props */
  readonly path?: string;
  /** A cdktf.json entry: what only TypeScript passes (`handlers`) is an unknown key. @default false */
  readonly json?: boolean;
}

/**
 * Every problem of AlbMtlsStack's props, each `<prop path>: <what is wrong>`; empty when they are
 * valid. The rules across props run once each prop has the type it should.
 */
export function stackPropsProblems(props: unknown, options: StackCheckOptions): string[] {
  const checker = new Checker(options.baseDir);
  const path = options.path ?? "";
  checker.check(props, options.json ? ENTRY : PROPS, path);
  if (checker.problems.length === 0) {
    crossChecks(props as StackConfig, path, checker.problems);
    applicationChecks(props as StackConfig, path, checker.problems);
    accessProblems(props as StackConfig, path, checker.problems);
  }
  return checker.problems;
}
