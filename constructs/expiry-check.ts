import type { Construct } from "constructs";
import { Fn, Op, TerraformElement, TerraformLocal, Token } from "cdktf";
import { PropsError } from "./errors";

export interface ExpiryCheckProps {
  /** What expires, as the warning names it, e.g. `client certificate tls_locally_signed_cert.client_cert_client`. */
  readonly subject: string;
  /**
   * When it expires, RFC 3339: a literal (a date read at synth) or a resource attribute, e.g. a
   * certificate's `validityEndTime` or an Access service token's `expiresAt`.
   */
  readonly expiresAt: string;
  /** Days before `expiresAt` from which every plan warns. @default 30 */
  readonly warningDays?: number;
  /** What to run or do, appended to the warning. */
  readonly action: string;
}

/** The warning window's default, in days. */
export const DEFAULT_WARNING_DAYS = 30;

/**
 * A Terraform `check` block that warns in every plan (`terraform plan`, `cdktf diff`, HCP Terraform
 * runs and health assessments) once `expiresAt` is less than `warningDays` away. The time is the
 * plan's (`plantimestamp()`): `timestamp()` is unknown while planning, so it would warn "known after
 * apply" on every plan. A failed check is a warning; the plan and apply go on.
 *
 * The block's name is the construct's Terraform name (`check.<name>`).
 */
export class ExpiryCheck extends TerraformElement {
  /** The `check` block's condition: true while `expiresAt` is outside the window. */
  readonly condition: string;
  readonly errorMessage: string;

  constructor(scope: Construct, id: string, props: ExpiryCheckProps) {
    super(scope, id, "check");
    const days = props.warningDays ?? DEFAULT_WARNING_DAYS;
    if (!Number.isInteger(days) || days < 1) throw new PropsError(this, "warningDays", `must be a whole number of days, 1 or more; got ${days}`);
    // Terraform refuses a check whose condition refers to nothing in the configuration: a date
    // known at synth is a local value (`local.<name>_expires_at`), which the check refers to.
    const expiresAt = Token.isUnresolved(props.expiresAt) ? props.expiresAt : new TerraformLocal(this, "expires_at", props.expiresAt).asString;
    const windowEnd = Fn.timeadd(Fn.plantimestamp(), `${days * 24}h`);
    // timecmp is 1 when its first time is later: the expiry lies beyond the window.
    this.condition = Op.eq(Fn.timecmp(expiresAt, windowEnd), 1) as unknown as string;
    this.errorMessage = `${props.subject} expires at ${props.expiresAt}, less than ${days} days from now. ${props.action}`;
  }

  toTerraform(): unknown {
    return { check: { [this.friendlyUniqueId]: { assert: [{ condition: this.condition, error_message: this.errorMessage }] } } };
  }
}
