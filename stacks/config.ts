/**
 * The `stacks` entry of cdktf.json's context: one entry per stack, keyed by stack name. Each entry
 * may give the reference's root inputs as literals; every input it omits becomes a Terraform
 * variable with the reference's name, so tfvars files and workspace variables keep working.
 */
export interface StackInputs {
  /** Prefix of every name (Terraform variable `base_name`). */
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

type Kind = "string" | "string[]";

const FIELDS: Record<keyof StackInputs, Kind> = {
  baseName: "string",
  subnets: "string[]",
  hostZoneName: "string",
  cloudflareZoneName: "string",
  cloudflareAccountId: "string",
  accessAllowedEmail: "string[]",
  region: "string",
};

/** Every problem found in the configuration, each naming its context path. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration in cdktf.json (context.stacks):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const STACK_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array ${JSON.stringify(value)}`;
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "object") return "an object";
  return `the ${typeof value} ${String(value)}`;
}

function isKind(value: unknown, kind: Kind): boolean {
  if (kind === "string") return typeof value === "string";
  return Array.isArray(value) && value.every((v) => typeof v === "string");
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
  const best = allowed.map((k) => ({ k, d: distance(key, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= 3 ? best.k : undefined;
}

/**
 * Checks the raw `stacks` context value and returns the typed entries. Throws a ConfigError that
 * lists every problem (unknown key, wrong type, bad stack name) with its path, e.g.
 * `stacks.prod.baseName`.
 */
export function parseStacks(raw: unknown, path = "stacks"): Record<string, StackInputs> {
  if (raw === undefined) {
    throw new ConfigError([`${path}: missing. Add "context": { "stacks": { "<name>": { ... } } } to cdktf.json.`]);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ConfigError([`${path}: expected an object keyed by stack name, got ${describe(raw)}`]);
  }
  const problems: string[] = [];
  const result: Record<string, StackInputs> = {};
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) problems.push(`${path}: no stacks defined; add at least one entry, e.g. "article": {}`);

  const allowed = Object.keys(FIELDS);
  for (const [name, entry] of entries) {
    const at = `${path}.${name}`;
    if (!STACK_NAME.test(name)) {
      problems.push(`${at}: invalid stack name ${JSON.stringify(name)}; use a letter, then letters, digits, "-" or "_"`);
    }
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      problems.push(`${at}: expected an object of inputs, got ${describe(entry)}`);
      continue;
    }
    for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
      const kind = FIELDS[key as keyof StackInputs];
      if (kind === undefined) {
        const hint = closest(key, allowed);
        problems.push(
          `${at}.${key}: unknown key${hint ? ` (did you mean "${hint}"?)` : ""}; allowed keys: ${allowed.join(", ")}`,
        );
      } else if (!isKind(value, kind)) {
        problems.push(`${at}.${key}: expected ${kind === "string" ? "a string" : "an array of strings"}, got ${describe(value)}`);
      }
    }
    result[name] = entry as StackInputs;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return result;
}
