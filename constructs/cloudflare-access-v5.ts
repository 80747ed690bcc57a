import { Construct } from "constructs";
import { Fn, TerraformIterator, Token, type IResolvable } from "cdktf";
import { DataCloudflareZone } from "@cdktf/provider-cloudflare-v5/lib/data-cloudflare-zone";
import { ZeroTrustAccessApplication } from "@cdktf/provider-cloudflare-v5/lib/zero-trust-access-application";
import { ZeroTrustAccessPolicy, type ZeroTrustAccessPolicyInclude } from "@cdktf/provider-cloudflare-v5/lib/zero-trust-access-policy";
import { type CloudflareAccessProps, checkAccessProps } from "./cloudflare-access";
import { isLiteral } from "./errors";

/** One v5 include rule per value (`{ email = { email = "…" } }`): the object, and the same as HCL over `val`. */
interface IncludeRule {
  readonly object: (value: string) => ZeroTrustAccessPolicyInclude;
  readonly hcl: string;
}
const EMAIL: IncludeRule = { object: (email) => ({ email: { email } }), hcl: "{ email = { email = val } }" };
const EMAIL_DOMAIN: IncludeRule = { object: (domain) => ({ emailDomain: { domain } }), hcl: "{ email_domain = { domain = val } }" };
const IP: IncludeRule = { object: (ip) => ({ ip: { ip } }), hcl: "{ ip = { ip = val } }" };

/**
 * v5 include rules: one object per rule. Literal lists are mapped here; when any list is a
 * Terraform value (a variable), every list becomes a `for` expression, so tfvars keep working.
 */
function includeRules(lists: [string[] | undefined, IncludeRule][]): ZeroTrustAccessPolicyInclude[] | IResolvable {
  const given = lists.filter((entry): entry is [string[], IncludeRule] => entry[0] !== undefined);
  if (given.every(([values]) => isLiteral(values))) return given.flatMap(([values, rule]) => values.map(rule.object));
  const parts = given.map(([values, rule]) => TerraformIterator.fromList(values).forExpressionForList(rule.hcl));
  return parts.length === 1 ? parts[0] : Token.asAny(Fn.concat(parts));
}

/**
 * `CloudflareAccess` for the Cloudflare provider 5: a self-hosted application whose `policies`
 * list references account-level reusable policies (v5 has no application-scoped policy resource):
 * an allow policy for the e-mails and e-mail domains, and optionally a bypass policy for IPs.
 * Same props and Terraform addresses as the v4 construct (`<id>_allow`, `<id>_application`).
 */
export class CloudflareAccessV5 extends Construct {
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
      accountId: zone.account.id,
      name: `Allow Policy for ${props.applicationName}`,
      decision: "allow",
      include: includeRules([
        [props.emails, EMAIL],
        [props.emailDomains, EMAIL_DOMAIN],
      ]),
      lifecycle: { createBeforeDestroy: true },
    });
    const policies = [{ id: this.allowPolicy.id, precedence: 1 }];

    if (props.bypassIps && props.bypassIps.length > 0) {
      this.bypassPolicy = new ZeroTrustAccessPolicy(this, "bypass", {
        accountId: zone.account.id,
        name: `Bypass Policy for ${props.applicationName}`,
        decision: "bypass",
        include: includeRules([[props.bypassIps, IP]]),
        lifecycle: { createBeforeDestroy: true },
      });
      policies.push({ id: this.bypassPolicy.id, precedence: 2 });
    }

    this.application = new ZeroTrustAccessApplication(this, "application", {
      zoneId: props.zoneId,
      name: props.applicationName,
      type: "self_hosted",
      domain: props.applicationDomain,
      destinations: [{ type: "public", uri: props.applicationDomain }],
      sessionDuration: props.sessionDuration ?? "72h",
      policies,
    });
    this.applicationAud = this.application.aud;
  }
}
