import { existsSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { Token } from "cdktf";
import type { IConstruct } from "constructs";

/**
 * A construct's props are invalid: the message names the construct path and the prop. A stack that
 * checks all its props at once gives every problem, each `<prop path>: <what is wrong>`.
 * The app runner (scripts/app.mjs) prints the message without a stack trace.
 */
export class PropsError extends Error {
  /** Each problem: `<prop> <what is wrong>` (one prop), or `<prop path>: <what is wrong>` (all props at once). */
  readonly problems: readonly string[];

  /** One prop: `<construct path>: <prop> <message>`. */
  constructor(scope: IConstruct, prop: string, message: string);
  /** Every problem found, each `<prop path>: <what is wrong>`. */
  constructor(scope: IConstruct, problems: readonly string[]);
  constructor(scope: IConstruct, propOrProblems: string | readonly string[], message?: string) {
    const problems = typeof propOrProblems === "string" ? [`${propOrProblems} ${message}`] : propOrProblems;
    const list = problems.length === 1 ? problems[0] : `invalid props:\n${problems.map((p) => `  - ${p}`).join("\n")}`;
    super(`${scope.node.path}: ${list}`);
    this.name = "PropsError";
    this.problems = problems;
  }
}

/** True when the value is known at synth (not a Terraform reference or variable). */
export function isLiteral(value: unknown): boolean {
  return !Token.isUnresolved(value);
}

/** Throws a PropsError naming `prop` when a literal value breaks `rule`; tokens are checked by Terraform. */
export function checkProp<T>(scope: IConstruct, prop: string, value: T | undefined, rule: { allowed: string; test(v: T): boolean }): void {
  if (value === undefined || !isLiteral(value)) return;
  if (!rule.test(value)) throw new PropsError(scope, prop, `${JSON.stringify(value)} must be ${rule.allowed}`);
}

/** checkProp for each literal element of a list prop. */
export function checkEach(scope: IConstruct, prop: string, values: string[] | undefined, rule: { allowed: string; test(v: string): boolean }): void {
  if (values === undefined || !isLiteral(values)) return;
  values.forEach((v, i) => checkProp(scope, `${prop}[${i}]`, v, rule));
}

/**
 * What is wrong with a file path, relative to `base` unless absolute: missing (naming the folder
 * it was looked for in) or a folder. Undefined when it is a file.
 */
export function fileProblem(path: string, base: string): string | undefined {
  const file = isAbsolute(path) ? path : resolve(base, path);
  if (!existsSync(file)) return `file ${JSON.stringify(path)} not found${isAbsolute(path) ? "" : ` (relative to ${base})`}`;
  if (!statSync(file).isFile()) return `${JSON.stringify(path)} is a folder; give a file`;
  return undefined;
}
