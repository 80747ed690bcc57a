/** The Cloudflare provider 4.52.0 (the reference's): @cdktf/provider-cloudflare 11.30.0. */
import { AuthenticatedOriginPulls } from "@cdktf/provider-cloudflare/lib/authenticated-origin-pulls";
import { AuthenticatedOriginPullsCertificate } from "@cdktf/provider-cloudflare/lib/authenticated-origin-pulls-certificate";
import { DataCloudflareIpRanges } from "@cdktf/provider-cloudflare/lib/data-cloudflare-ip-ranges";
import { DataCloudflareZone } from "@cdktf/provider-cloudflare/lib/data-cloudflare-zone";
import { CloudflareProvider } from "@cdktf/provider-cloudflare/lib/provider";
import { Record as DnsRecord } from "@cdktf/provider-cloudflare/lib/record";
import { ZeroTrustAccessApplication } from "@cdktf/provider-cloudflare/lib/zero-trust-access-application";
import { ZeroTrustAccessGroup } from "@cdktf/provider-cloudflare/lib/zero-trust-access-group";
import { ZeroTrustAccessPolicy, type ZeroTrustAccessPolicyInclude } from "@cdktf/provider-cloudflare/lib/zero-trust-access-policy";
import { ZeroTrustAccessServiceToken } from "@cdktf/provider-cloudflare/lib/zero-trust-access-service-token";
import { Fn } from "cdktf";
import { isLiteral } from "../errors";
import { replacedWith } from "../static-reference";
import { type AccessRule, type CloudflareMapping, unhandledRule } from "./mapping";

type Block = { -readonly [K in keyof ZeroTrustAccessPolicyInclude]: ZeroTrustAccessPolicyInclude[K] };
type ListKey = "email" | "emailDomain" | "group" | "geo" | "ip" | "loginMethod" | "devicePosture" | "serviceToken";

/** The durations 4.52 takes (the provider's StringInSlice). */
export const SERVICE_TOKEN_DURATIONS_4 = ["8760h", "17520h", "43800h", "87600h", "forever"];

/** A list attribute of a block, given again: the values of both (a Terraform `concat` when one is a variable). */
function joined(before: string[] | undefined, more: string[]): string[] {
  if (before === undefined) return more;
  return isLiteral(before) && isLiteral(more) ? [...before, ...more] : Fn.concat([before, more]);
}

/**
 * v4 rules: one block whose attributes are lists (`email = [...]`, `github { ... }`); the provider
 * makes one Cloudflare rule of each value (of `include`: any matches; of `require`: all must).
 */
function ruleBlock(rules: AccessRule[]): Block {
  const block: Block = {};
  const list = (key: ListKey, values: string[]) => void (block[key] = joined(block[key], values));
  const push = <K extends "github" | "gsuite" | "okta" | "azure" | "saml">(key: K, item: unknown) =>
    void ((block as Record<string, unknown[]>)[key] = [...((block[key] as unknown[] | undefined) ?? []), item]);
  for (const rule of rules) {
    switch (rule.kind) {
      case "emails":
        list("email", rule.values);
        break;
      case "emailDomains":
        list("emailDomain", rule.values);
        break;
      case "accessGroups":
        list("group", rule.values);
        break;
      case "countries":
        list("geo", rule.values);
        break;
      case "ipRanges":
        list("ip", rule.values);
        break;
      case "loginMethods":
        list("loginMethod", rule.values);
        break;
      case "devicePosture":
        list("devicePosture", rule.values);
        break;
      case "serviceTokens":
        list("serviceToken", rule.values);
        break;
      case "githubTeam":
        push("github", { name: rule.organization, teams: rule.teams, identityProviderId: rule.identityProvider });
        break;
      case "googleGroups":
        push("gsuite", { email: rule.groups, identityProviderId: rule.identityProvider });
        break;
      case "oktaGroup":
        push("okta", { name: rule.groups, identityProviderId: rule.identityProvider });
        break;
      case "entraGroups":
        push("azure", { id: rule.groups, identityProviderId: rule.identityProvider });
        break;
      case "samlAttribute":
        push("saml", { attributeName: rule.name, attributeValue: rule.value, identityProviderId: rule.identityProvider });
        break;
      case "mfa":
        block.authMethod = "mfa";
        break;
      case "everyone":
        block.everyone = true;
        break;
      default:
        unhandledRule(rule);
    }
  }
  return block;
}

/** A list of one block, or nothing for no rules (the attribute left out). */
const blocks = (rules: AccessRule[] | undefined) => (rules && rules.length > 0 ? [ruleBlock(rules)] : undefined);

export const CLOUDFLARE_4: CloudflareMapping = {
  major: 4,
  provider: (scope, id, apiToken) => void new CloudflareProvider(scope, id, { apiToken }),
  zoneByName(scope, id, name) {
    const zone = new DataCloudflareZone(scope, id, { name });
    return { zoneId: zone.id, accountId: zone.accountId };
  },
  zoneById(scope, id, zoneId) {
    const zone = new DataCloudflareZone(scope, id, { zoneId });
    return { zoneId: zone.zoneId, accountId: zone.accountId };
  },
  proxiedRecord: (scope, id, s) => new DnsRecord(scope, id, { name: s.hostname, type: "CNAME", zoneId: s.zoneId, content: s.originDomain, proxied: true }),
  originPullsCertificate: (scope, id, s) =>
    new AuthenticatedOriginPullsCertificate(scope, id, {
      certificate: s.certificatePem,
      privateKey: s.privateKeyPem,
      type: "per-hostname",
      zoneId: s.zoneId,
      // Every argument forces a replacement and there is no update: create the new one first. The
      // TLS certificate's replacement is named too: a mocked plan (terraform test) never forces one.
      // Create waits for the certificate to be active; the provider's default wait is 1 minute.
      ...(s.gapless && {
        lifecycle: { createBeforeDestroy: true, ...replacedWith(s.gapless.replaceTriggeredBy) },
        timeouts: { create: "10m" },
        dependsOn: s.gapless.dependsOn,
      }),
    }),
  originPulls: (scope, id, s) =>
    new AuthenticatedOriginPulls(scope, id, {
      enabled: true,
      zoneId: s.zoneId,
      authenticatedOriginPullsCertificate: s.originPullCertificateId,
      hostname: s.hostname,
      // Written as bare addresses (`type.name`): Terraform rejects an interpolation in a meta-argument.
      lifecycle: replacedWith(s.replaceTriggeredBy),
    }),
  accessPolicy: (scope, id, s) =>
    new ZeroTrustAccessPolicy(scope, id, {
      accountId: s.accountId,
      name: s.name,
      decision: s.decision,
      // The reference's allow policy writes both lists, empty or not.
      include: [{ ...(s.decision === "allow" ? { email: [], emailDomain: [] } : {}), ...ruleBlock(s.include) }],
      require: blocks(s.require),
      exclude: blocks(s.exclude),
      lifecycle: { createBeforeDestroy: true },
    }),
  accessGroup: (scope, id, s) => new ZeroTrustAccessGroup(scope, id, { accountId: s.accountId, name: s.name, include: [ruleBlock(s.include)] }),
  serviceToken(scope, id, s) {
    const token = new ZeroTrustAccessServiceToken(scope, id, { accountId: s.accountId, name: s.name, duration: s.duration });
    return { resource: token, id: token.id, clientId: token.clientId, clientSecret: token.clientSecret, expiresAt: token.expiresAt };
  },
  serviceTokenDurationProblem: (duration) =>
    SERVICE_TOKEN_DURATIONS_4.includes(duration)
      ? undefined
      : `must be one of ${SERVICE_TOKEN_DURATIONS_4.join(", ")} on the Cloudflare provider 4.52 (providers "reference" and "aws-current"); "current" (5.14) takes any duration such as 720h`,
  accessApplication(scope, id, s) {
    const application = new ZeroTrustAccessApplication(scope, id, {
      zoneId: s.zoneId,
      name: s.name,
      domain: s.domain,
      type: "self_hosted",
      sessionDuration: s.sessionDuration,
      policies: s.policies.map((p) => p.id),
      allowedIdps: s.allowedIdps,
      autoRedirectToIdentity: s.allowedIdps?.length === 1 ? true : undefined,
    });
    return { application, aud: application.aud };
  },
  ipRanges: (scope, id) => new DataCloudflareIpRanges(scope, id, {}),
};
