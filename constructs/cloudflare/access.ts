import { Construct, type IConstruct } from "constructs";
import type { TerraformResource } from "cdktf";
import { PropsError, checkEach, checkProp, isLiteral } from "../errors";
import { rules } from "../rules";
import { type CloudflareProviderChoice, cloudflareMapping } from "./majors";
import type { AccessRule } from "./mapping";

export interface CloudflareAccessProps {
  /** ID of the Cloudflare zone; the account comes from the zone. */
  readonly zoneId: string;
  /** Hostname the Access application protects. */
  readonly applicationDomain: string;
  /** Name of the Access application; the allow policy is `Allow Policy for <name>`. */
  readonly applicationName: string;
  /** E-mail addresses allowed in. @default [] */
  readonly emails?: string[];
  /** E-mail domains (e.g. `example.com`) whose addresses are allowed in. @default [] */
  readonly emailDomains?: string[];
  /**
   * IP addresses or CIDRs that skip the Access login (a `bypass` policy, commented out in the
   * reference). Bypassed requests carry no Access identity. @default [] (no bypass policy)
   */
  readonly bypassIps?: string[];
  /** How long a login lasts. @default "72h" */
  readonly sessionDuration?: string;
  /**
   * Major version of the Cloudflare provider: 4 (application-scoped policies) or 5 (account-level
   * reusable policies listed by the application, with precedence). Same Terraform addresses. @default 4
   */
  readonly cloudflareProvider?: CloudflareProviderChoice;
}

/** Nobody could log in: the allow policy has no include rule. Shared with the stack's checks. */
export function noWayIn(emails: unknown, emailDomains: unknown): boolean {
  const literalEmpty = (list: unknown) => list === undefined || (Array.isArray(list) && isLiteral(list) && list.length === 0);
  return literalEmpty(emails) && literalEmpty(emailDomains);
}

/** The checks of CloudflareAccessProps: throws a PropsError naming the prop. */
export function checkAccessProps(scope: IConstruct, props: CloudflareAccessProps): void {
  checkEach(scope, "emails", props.emails, rules.email);
  checkEach(scope, "emailDomains", props.emailDomains, rules.emailDomain);
  checkEach(scope, "bypassIps", props.bypassIps, rules.ipOrCidr);
  checkProp(scope, "sessionDuration", props.sessionDuration, rules.sessionDuration);
  if (noWayIn(props.emails, props.emailDomains)) {
    throw new PropsError(scope, "emails", "and emailDomains are both empty: the allow policy needs at least one include rule, or nobody can log in");
  }
}

/**
 * Cloudflare Access in front of the application hostname (reference module `cloudflare_access`):
 * a self-hosted application with an allow policy for the listed e-mails and e-mail domains, and
 * optionally a bypass policy for IPs.
 */
export class CloudflareAccess extends Construct {
  readonly application: TerraformResource;
  readonly allowPolicy: TerraformResource;
  readonly bypassPolicy?: TerraformResource;
  /** Application Audience (AUD) tag: the `aud` claim of the Access JWT the origin receives. */
  readonly applicationAud: string;

  constructor(scope: Construct, id: string, props: CloudflareAccessProps) {
    super(scope, id);
    checkAccessProps(this, props);
    const cloudflare = cloudflareMapping(props.cloudflareProvider);
    const zone = cloudflare.zoneById(this, "zone", props.zoneId);
    const allow: AccessRule[] = [];
    if (props.emails !== undefined) allow.push({ kind: "emails", emails: props.emails });
    if (props.emailDomains !== undefined) allow.push({ kind: "emailDomains", domains: props.emailDomains });
    const policies = [
      cloudflare.accessPolicy(this, "allow", {
        accountId: zone.accountId,
        name: `Allow Policy for ${props.applicationName}`,
        decision: "allow",
        include: allow,
      }),
    ];
    if (props.bypassIps && props.bypassIps.length > 0) {
      policies.push(
        cloudflare.accessPolicy(this, "bypass", {
          accountId: zone.accountId,
          name: `Bypass Policy for ${props.applicationName}`,
          decision: "bypass",
          include: [{ kind: "ipRanges", ranges: props.bypassIps }],
        }),
      );
    }
    [this.allowPolicy, this.bypassPolicy] = policies;
    const made = cloudflare.accessApplication(this, "application", {
      zoneId: zone.zoneId,
      name: props.applicationName,
      domain: props.applicationDomain,
      sessionDuration: props.sessionDuration ?? "72h",
      policies,
    });
    this.application = made.application;
    this.applicationAud = made.aud;
  }
}
