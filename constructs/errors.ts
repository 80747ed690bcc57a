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
