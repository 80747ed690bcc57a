import { Construct, type IConstruct } from "constructs";
import { DataCloudflareZone } from "@cdktf/provider-cloudflare/lib/data-cloudflare-zone";
import { ZeroTrustAccessApplication } from "@cdktf/provider-cloudflare/lib/zero-trust-access-application";
import { ZeroTrustAccessPolicy } from "@cdktf/provider-cloudflare/lib/zero-trust-access-policy";
import { PropsError, checkEach, checkProp, isLiteral } from "./errors";
import { rules } from "./rules";

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
}

/** The checks of CloudflareAccessProps, for either provider's construct: throws a PropsError naming the prop. */
export function checkAccessProps(scope: IConstruct, props: CloudflareAccessProps): void {
  checkEach(scope, "emails", props.emails, rules.email);
  checkEach(scope, "emailDomains", props.emailDomains, rules.emailDomain);
  checkEach(scope, "bypassIps", props.bypassIps, rules.ipOrCidr);
  checkProp(scope, "sessionDuration", props.sessionDuration, rules.sessionDuration);
  const literalEmpty = (list?: string[]) => list === undefined || (isLiteral(list) && list.length === 0);
  if (literalEmpty(props.emails) && literalEmpty(props.emailDomains)) {
    throw new PropsError(scope, "emails", "and emailDomains are both empty: the allow policy needs at least one include rule, or nobody can log in");
  }
}

/**
 * Cloudflare Access in front of the application hostname (reference module `cloudflare_access`):
 * a self-hosted application with an allow policy for the listed e-mails and e-mail domains.
 */
export class CloudflareAccess extends Construct {
  readonly application: ZeroTrustAccessApplication;
  readonly allowPolicy: ZeroTrustAccessPolicy;
  readonly bypassPolicy?: ZeroTrustAccessPolicy;
  /** Application Audience (AUD) tag: the `aud` claim of the Access JWT the origin receives. */
  readonly applicationAud: string;

  constructor(scope: Construct, id: string, props: CloudflareAccessProps) {
    super(scope, id);
    checkAccessProps(this, props);

    const zone = new DataCloudflareZone(this, "zone", { zoneId: props.zoneId });

    this.allowPolicy = new ZeroTrustAccessPolicy(this, "allow", {
      accountId: zone.accountId,
      name: `Allow Policy for ${props.applicationName}`,
      decision: "allow",
      include: [{ email: props.emails ?? [], emailDomain: props.emailDomains ?? [] }],
      lifecycle: { createBeforeDestroy: true },
    });
    const policies = [this.allowPolicy.id];

    if (props.bypassIps && props.bypassIps.length > 0) {
      this.bypassPolicy = new ZeroTrustAccessPolicy(this, "bypass", {
        accountId: zone.accountId,
        name: `Bypass Policy for ${props.applicationName}`,
        decision: "bypass",
        include: [{ ip: props.bypassIps }],
        lifecycle: { createBeforeDestroy: true },
      });
      policies.push(this.bypassPolicy.id);
    }

    this.application = new ZeroTrustAccessApplication(this, "application", {
      zoneId: zone.zoneId,
      name: props.applicationName,
      domain: props.applicationDomain,
      type: "self_hosted",
      sessionDuration: props.sessionDuration ?? "72h",
      policies,
    });
    this.applicationAud = this.application.aud;
  }
}
