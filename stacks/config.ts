/**
 * The `stacks` entry of cdktf.json's context: one entry per stack, keyed by stack name.
 *
 * An entry may give the reference's root inputs as literals; every input it omits becomes a
 * Terraform variable with the reference's name, so tfvars files and workspace variables keep
 * working. The other keys are options; each option's default keeps the reference's JSON.
 *
 * An entry is AlbMtlsStack's props, written in JSON. The props' checks are AlbMtlsStack's own
 * (alb-mtls-stack-checks.ts), the same for a stack written in TypeScript; the parser adds what
 * only JSON has: the `stacks` object and its stack names, and every stack's problems in one report,
 * each with its path (`stacks.prod.baseName`), the value and the rule, before any stack is made.
 */
import { describeValue, stackPropsProblems } from "./alb-mtls-stack-checks";
import type { StackConfig } from "./stack-props";

export type {
  AccessConfig,
  AccessRuleConfig,
  ApplicationConfig,
  BackendOptions,
  CertificateOptions,
  CertificateLifecycleOptions,
  AlarmOptions,
  HttpApplicationTarget,
  LambdaApplicationTarget,
  MtlsMode,
  MtlsOptions,
  ServiceTokenConfig,
  StackConfig,
  StackInputs,
  StackOptions,
} from "./stack-props";

/** Every problem found in the configuration, each naming its context path. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration in cdktf.json (context.stacks):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
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
    throw new ConfigError([`${path}: expected an object keyed by stack name, got ${describeValue(raw)}`]);
  }
  const problems: string[] = [];
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) problems.push(`${path}: no stacks defined; add at least one entry, e.g. "article": {}`);
  for (const [name, entry] of entries) {
    const at = `${path}.${name}`;
    if (!STACK_NAME.test(name)) {
      problems.push(`${at}: invalid stack name ${JSON.stringify(name)}; use a letter, then letters, digits, "-" or "_"`);
    }
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      problems.push(`${at}: expected an object of inputs, got ${describeValue(entry)}`);
      continue;
    }
    problems.push(...stackPropsProblems(entry, { baseDir, path: at, json: true }));
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.fromEntries(entries) as Record<string, StackConfig>;
}
