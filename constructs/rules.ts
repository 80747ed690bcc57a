/**
 * Validation rules, usable at synth time on literals (`test`) and as Terraform validation
 * conditions on variables (`terraform`), so both report the same rule.
 */
export interface Rule<T = string> {
  /** What is allowed, phrased to follow "must be". */
  readonly allowed: string;
  /** True when the value satisfies the rule. */
  test(value: T): boolean;
  /** The same rule as a Terraform boolean expression over the HCL expression `expr`. */
  terraform(expr: string): string;
}

const hcl = (s: string) => JSON.stringify(s);
/** A rule from one regular expression (RE2-compatible, so Terraform's regex() agrees). */
export function pattern(allowed: string, re: string, extra: { max?: number; min?: number } = {}): Rule {
  const js = new RegExp(re);
  const { min = 0, max = Infinity } = extra;
  return {
    allowed,
    test: (v) => v.length >= min && v.length <= max && js.test(v),
    terraform: (e) =>
      [
        `can(regex(${hcl(re)}, ${e}))`,
        ...(min > 0 ? [`length(${e}) >= ${min}`] : []),
        ...(max < Infinity ? [`length(${e}) <= ${max}`] : []),
      ].join(" && "),
  };
}
function and(allowed: string, ...parts: Rule[]): Rule {
  return {
    allowed,
    test: (v) => parts.every((p) => p.test(v)),
    terraform: (e) => parts.map((p) => `(${p.terraform(e)})`).join(" && "),
  };
}
function not(re: string): Rule {
  const js = new RegExp(re);
  return { allowed: "", test: (v) => !js.test(v), terraform: (e) => `!can(regex(${hcl(re)}, ${e}))` };
}

const LABEL = "[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?";
const OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
const DOMAIN_RE = `^(${LABEL}\\.)+${LABEL}$`;

/** A retention or expiry period in days (a literal check only: no Terraform variable takes it). */
export const WHOLE_DAYS = { allowed: "a whole number of days ≥ 1", test: (v: number) => Number.isInteger(v) && v >= 1 };

export const rules = {
  albName: and(
    '1–32 characters: letters, digits and hyphens, not starting or ending with a hyphen, not starting with "internal-"',
    pattern("", "^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$", { min: 1, max: 32 }),
    not("^internal-"),
  ),
  targetGroupName: pattern("1–32 characters: letters, digits and hyphens, not starting or ending with a hyphen", "^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$", {
    min: 1,
    max: 32,
  }),
  trustStoreName: pattern("1–32 characters: letters and digits in groups joined by single hyphens", "^([a-zA-Z0-9]+-)*[a-zA-Z0-9]+$", { min: 1, max: 32 }),
  s3BucketName: and(
    "3–63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no two adjacent dots, not an IP address, not starting with xn--, sthree- or amzn-s3-demo-, not ending with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3",
    pattern("", "^[a-z0-9][a-z0-9.-]*[a-z0-9]$", { min: 3, max: 63 }),
    not("\\.\\."),
    not("^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$"),
    not("^(xn--|sthree-|amzn-s3-demo-)"),
    not("(-s3alias|--ol-s3|\\.mrap|--x-s3|--table-s3)$"),
  ),
  lambdaFunctionName: pattern("1–64 characters: letters, digits, hyphens and underscores", "^[a-zA-Z0-9_-]+$", { min: 1, max: 64 }),
  iamRoleName: pattern("1–64 characters: letters, digits and + = , . @ _ -", "^[\\w+=,.@-]+$", { min: 1, max: 64 }),
  domainName: pattern(
    "a domain name: at least two dot-separated labels of letters, digits and hyphens (1–63 each, not starting or ending with a hyphen), 253 characters at most",
    DOMAIN_RE,
    { max: 253 },
  ),
  email: pattern("an e-mail address (name@domain.example)", `^[^@\\s]+@(${LABEL}\\.)+${LABEL}$`, { max: 254 }),
  emailDomain: pattern("an e-mail domain such as example.com (no @)", DOMAIN_RE, { max: 253 }),
  cidr: {
    allowed: "an IPv4 or IPv6 CIDR block such as 203.0.113.0/24 or 2001:db8::/32",
    test: (v: string) => isCidr(v),
    terraform: (e: string) => `can(cidrhost(${e}, 0))`,
  } as Rule,
  ipOrCidr: {
    allowed: "an IPv4 or IPv6 address or CIDR block",
    test: (v: string) => isCidr(v) || isCidr(`${v}/${v.includes(":") ? 128 : 32}`),
    terraform: (e: string) => `can(cidrhost(${e}, 0)) || can(cidrhost("\${${e}}/32", 0)) || can(cidrhost("\${${e}}/128", 0))`,
  } as Rule,
  awsRegion: pattern("an AWS region code such as ap-northeast-1 or us-gov-west-1", "^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$"),
  cloudflareAccountId: pattern("32 hexadecimal characters", "^[0-9a-fA-F]{32}$"),
  sessionDuration: pattern("a duration such as 30m, 24h or 1h30m (units ns, us, µs, ms, s, m, h)", "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$"),
  dnsLabel: pattern("a DNS label: 1–63 lowercase letters, digits and hyphens, not starting or ending with a hyphen", "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"),
  kmsAliasName: and(
    'a KMS alias name without "alias/": 1–250 letters, digits and / _ -, not starting with "aws/"',
    pattern("", "^[a-zA-Z0-9/_-]+$", { min: 1, max: 250 }),
    not("^aws/"),
  ),
  kmsKeyArn: pattern("a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)", "^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$"),
  serialNumber: pattern("a certificate serial number in hexadecimal (colons allowed)", "^[0-9A-Fa-f:]+$"),
  wafWebAclArn: pattern(
    "a REGIONAL WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/…)",
    "^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[0-9]{12}:regional/webacl/.+",
  ),
  // The ALB matches the pattern against the whole path, which starts with "/": a pattern that cannot match it there (grafana/*) never matches.
  pathPattern: pattern(
    "a path pattern of 1–128 characters starting with / (or a * wildcard): letters, digits and _ - . $ / ~ \" ' @ : + & * ?, e.g. /api/*",
    "^[/*][A-Za-z0-9_.$/~\"'@:+&*?-]*$",
    { min: 1, max: 128 },
  ),
  instanceId: pattern("an EC2 instance ID (i- and 8 or 17 hexadecimal characters)", "^i-([0-9a-f]{8}|[0-9a-f]{17})$"),
  privateIpv4: pattern(
    "a private IPv4 address (in 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10): an ALB registers no public IP as a target",
    `^(10\\.${OCTET}|172\\.(1[6-9]|2[0-9]|3[01])|192\\.168|100\\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7]))(\\.${OCTET}){2}$`,
  ),
  securityGroupId: pattern("a security group ID (sg- and 8 or 17 hexadecimal characters)", "^sg-([0-9a-f]{8}|[0-9a-f]{17})$"),
  lambdaFunctionArn: pattern(
    "a Lambda function ARN: arn:aws:lambda:<region>:<12-digit account>:function:<name>, optionally :<version or alias>",
    "^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[a-zA-Z0-9_-]{1,64}(:(\\$LATEST|[a-zA-Z0-9_-]{1,128}))?$",
  ),
  lambdaHandler: pattern('"index.<exported function>", e.g. index.handler (the bundle is index.mjs)', "^index\\.[A-Za-z_$][A-Za-z0-9_$]*$"),
  awsTagKey: and(
    '1–128 characters: letters, digits, spaces and _ . : / = + - @, not starting with "aws:"',
    pattern("", "^[A-Za-z0-9 _.:/=+@-]+$", { min: 1, max: 128 }),
    not("^[aA][wW][sS]:"),
  ),
  awsTagValue: pattern("at most 256 characters: letters, digits, spaces and _ . : / = + - @", "^[A-Za-z0-9 _.:/=+@-]*$", { max: 256 }),
  environmentName: pattern("an environment variable name: a letter, then letters, digits and underscores", "^[a-zA-Z][a-zA-Z0-9_]*$"),
  healthCheckPath: pattern("a path starting with /, 1024 characters at most", "^/[^\\s]*$", { max: 1024 }),
  healthCheckMatcher: {
    allowed: "HTTP codes from 200 to 499: one (200), a range (200-299) or a list (200,302)",
    test: (v: string) =>
      /^[0-9]{3}(-[0-9]{3})?(,[0-9]{3}(-[0-9]{3})?)*$/.test(v) &&
      v.split(/[,-]/).every((c) => Number(c) >= 200 && Number(c) <= 499) &&
      v.split(",").every((r) => { const [a, b = a] = r.split("-"); return Number(a) <= Number(b); }),
    terraform: (e: string) => `can(regex("^[0-9]{3}(-[0-9]{3})?(,[0-9]{3}(-[0-9]{3})?)*$", ${e}))`,
  } as Rule,
  listenerPriority: {
    allowed: "a whole number from 1 to 50000",
    test: (v: number) => Number.isInteger(v) && v >= 1 && v <= 50000,
    terraform: (e: string) => `floor(${e}) == ${e} && ${e} >= 1 && ${e} <= 50000`,
  } as Rule<number>,
};

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** Names Lambda reserves: a function with one of them in its environment is refused at apply. */
export const RESERVED_LAMBDA_ENVIRONMENT = [
  "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
] as const;


function isCidr(v: string): boolean {
  const [ip, prefix, ...rest] = v.split("/");
  if (rest.length > 0 || prefix === undefined || !/^[0-9]{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  if (/^[0-9.]+$/.test(ip)) {
    const parts = ip.split(".");
    return parts.length === 4 && parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255) && bits <= 32;
  }
  if (!/^[0-9a-fA-F:]+$/.test(ip) || bits > 128) return false;
  const halves = ip.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === "" ? [] : h.split(":")));
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

/** Names the stack derives from `base_name`, each with the rule AWS or DNS applies to it. */
export const baseNameDerivations: ReadonlyArray<{
  what: string;
  derive: (base: string) => string;
  terraformDerive: (expr: string) => string;
  rule: Rule;
}> = [
  ["ALB name", "-alb", rules.albName],
  ["trust store name", "-mtls", rules.trustStoreName],
  ["trust-store bucket", "-mtls-bucket", rules.s3BucketName],
  ["Lambda function name", "-function", rules.lambdaFunctionName],
  ["IAM role name", "-function-role", rules.iamRoleName],
  ["origin domain's first label", "", pattern("a DNS label: 1–63 letters, digits and hyphens, not starting or ending with a hyphen", `^${LABEL}$`)],
].map(([what, suffix, rule]) => ({
  what: what as string,
  derive: (base: string) => `${base}${suffix}`,
  terraformDerive: (expr: string) => (suffix ? `"\${${expr}}${suffix}"` : expr),
  rule: rule as Rule,
}));

/** One-line problem: path, value, rule (and the derived name when `what` is given). */
export function problem(path: string, value: unknown, rule: Rule<any>, what?: string): string {
  return what
    ? `${path}: ${JSON.stringify(value)} gives ${what}, which must be ${rule.allowed}`
    : `${path}: ${JSON.stringify(value)} must be ${rule.allowed}`;
}

/** The closest allowed key, for "did you mean" hints on typos. */
export function closest(key: string, allowed: string[]): string | undefined {
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
