import { Construct, type IConstruct } from "constructs";
import type { TerraformResource } from "cdktf";
import { PropsError, checkEach, checkProp, isLiteral } from "../errors";
import { rules } from "../rules";
import { type CloudflareProviderChoice, cloudflareMapping } from "./majors";
import { cloudflareRuleCount, typedRuleProblems } from "./access-rules";
import type { AccessRule, CloudflareMapping, CloudflareResourceWithId } from "./mapping";

export interface CloudflareAccessProps {
  /** ID of the Cloudflare zone. */
  readonly zoneId: string;
  /**
   * ID of the zone's account, where the policies live (`CloudflareZone.accountId`). Given, the
   * construct makes no lookup of its own. @default looked up from the zone (a `cloudflare_zone` data
   * source, as the reference module does)
   */
  readonly accountId?: string;
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
  /**
   * More rules (docs/access.md): `allow` rules let people in besides `emails` and `emailDomains`;
   * each `require` rule must match too (one with several values, such as two countries, becomes an
   * Access group `<name> require <n>` so that any of its values matches); no `exclude` rule may.
   * `require` and `exclude` narrow the allow policy (people), not the service tokens. @default none
   */
  readonly rules?: { readonly allow?: AccessRule[]; readonly require?: AccessRule[]; readonly exclude?: AccessRule[] };
  /** Service tokens let in without a login, each through a `non_identity` policy of its own (`Service Auth <name> for <application>`). @default none */
  readonly serviceTokens?: { readonly name: string; readonly tokenId: string }[];
  /** Only these identity providers (IDs) on the login page; with one, Access redirects to it. @default every provider of the account */
  readonly identityProviders?: string[];
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

const UUID_RULE = { allowed: "a UUID (an identity provider's ID in Zero Trust)", test: (v: string) => /^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/.test(v) };

/** The checks of CloudflareAccessProps: throws a PropsError naming the prop. */
export function checkAccessProps(scope: IConstruct, props: CloudflareAccessProps): void {
  checkEach(scope, "emails", props.emails, rules.email);
  checkEach(scope, "emailDomains", props.emailDomains, rules.emailDomain);
  checkEach(scope, "bypassIps", props.bypassIps, rules.ipOrCidr);
  checkEach(scope, "identityProviders", props.identityProviders, UUID_RULE);
  checkProp(scope, "sessionDuration", props.sessionDuration, rules.sessionDuration);
  const ruleProblems = (["allow", "require", "exclude"] as const).flatMap((key) => typedRuleProblems(props.rules?.[key] ?? [], `rules.${key}`));
  if (ruleProblems.length > 0) throw new PropsError(scope, ruleProblems);
  const allow = props.rules?.allow ?? [];
  const tokens = props.serviceTokens ?? [];
  if (noWayIn(props.emails, props.emailDomains) && allow.length === 0) {
    if (tokens.length === 0) {
      throw new PropsError(scope, "emails", "and emailDomains are both empty, and there are no rules.allow and no serviceTokens: nobody could get in");
    }
    for (const key of ["require", "exclude"] as const) {
      if ((props.rules?.[key]?.length ?? 0) > 0) {
        throw new PropsError(scope, `rules.${key}`, "narrows the people the allow rules let in, and there are none (emails, emailDomains and rules.allow are empty); service tokens have policies of their own");
      }
    }
  }
  const names = tokens.map((t) => t.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) < i) throw new PropsError(scope, `serviceTokens[${i}]`, `${JSON.stringify(name)} is given twice`);
  });
}

/**
 * Cloudflare Access in front of the application hostname (reference module `cloudflare_access`):
 * a self-hosted application with an allow policy for the listed e-mails and e-mail domains (and
 * more `rules`), optionally a bypass policy for IPs, and a `non_identity` policy per service token.
 */
export class CloudflareAccess extends Construct {
  readonly application: TerraformResource;
  /** The allow policy (people); absent for a machine-only application (service tokens only). */
  readonly allowPolicy?: TerraformResource;
  readonly bypassPolicy?: TerraformResource;
  /** The `non_identity` policy of each service token, by name. */
  readonly serviceTokenPolicies: Record<string, TerraformResource> = {};
  /** The Access groups made for `require` rules with several values. */
  readonly requireGroups: TerraformResource[] = [];
  /** Application Audience (AUD) tag: the `aud` claim of the Access JWT the origin receives. */
  readonly applicationAud: string;

  constructor(scope: Construct, id: string, props: CloudflareAccessProps) {
    super(scope, id);
    checkAccessProps(this, props);
    const cloudflare = cloudflareMapping(props.cloudflareProvider);
    const zone = props.accountId === undefined ? cloudflare.zoneById(this, "zone", props.zoneId) : { zoneId: props.zoneId, accountId: props.accountId };
    const allow: AccessRule[] = [];
    if (props.emails !== undefined) allow.push({ kind: "emails", values: props.emails });
    if (props.emailDomains !== undefined) allow.push({ kind: "emailDomains", values: props.emailDomains });
    allow.push(...(props.rules?.allow ?? []));
    const policies: CloudflareResourceWithId[] = [];
    if (allow.length > 0) {
      policies.push(
        cloudflare.accessPolicy(this, "allow", {
          accountId: zone.accountId,
          name: `Allow Policy for ${props.applicationName}`,
          decision: "allow",
          include: allow,
          require: this.requireRules(cloudflare, zone.accountId, props),
          exclude: props.rules?.exclude,
        }),
      );
    }
    if (props.bypassIps && props.bypassIps.length > 0) {
      policies.push(
        cloudflare.accessPolicy(this, "bypass", {
          accountId: zone.accountId,
          name: `Bypass Policy for ${props.applicationName}`,
          decision: "bypass",
          include: [{ kind: "ipRanges", values: props.bypassIps }],
        }),
      );
    }
    [this.allowPolicy, this.bypassPolicy] = [policies.find((p) => p.node.id === "allow"), policies.find((p) => p.node.id === "bypass")];
    for (const token of props.serviceTokens ?? []) {
      const policy = cloudflare.accessPolicy(this, `service_token_${token.name}`, {
        accountId: zone.accountId,
        name: `Service Auth ${token.name} for ${props.applicationName}`,
        decision: "non_identity",
        include: [{ kind: "serviceTokens", values: [token.tokenId] }],
      });
      this.serviceTokenPolicies[token.name] = policy;
      policies.push(policy);
    }
    const made = cloudflare.accessApplication(this, "application", {
      zoneId: zone.zoneId,
      name: props.applicationName,
      domain: props.applicationDomain,
      sessionDuration: props.sessionDuration ?? "72h",
      policies,
      allowedIdps: props.identityProviders,
    });
    this.application = made.application;
    this.applicationAud = made.aud;
  }

  /**
   * The require rules as Cloudflare takes them: every rule must match, so a rule with several
   * values (two countries, three teams) would need all of them. Such a rule becomes an Access group
   * of its own, in which any value matches, and the policy requires the group.
   */
  private requireRules(cloudflare: CloudflareMapping, accountId: string, props: CloudflareAccessProps): AccessRule[] | undefined {
    return props.rules?.require?.map((rule, i) => {
      if (cloudflareRuleCount(rule) <= 1) return rule;
      const group = cloudflare.accessGroup(this, `require_${i + 1}`, { accountId, name: `${props.applicationName} require ${i + 1}`, include: [rule] });
      this.requireGroups.push(group);
      return { kind: "accessGroups", values: [group.id] };
    });
  }
}
