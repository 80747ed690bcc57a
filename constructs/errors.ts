import { Token } from "cdktf";
import type { IConstruct } from "constructs";

/** A construct's props are invalid: the message names the construct path and the prop. */
export class PropsError extends Error {
  constructor(scope: IConstruct, prop: string, message: string) {
    super(`${scope.node.path}: ${prop} ${message}`);
    this.name = "PropsError";
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
