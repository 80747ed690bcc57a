/** The Cloudflare provider 5.14: @cdktf/provider-cloudflare-v5 (13.9.1). */
import { Fn, type IResolvable, TerraformIterator, Token } from "cdktf";
import { AuthenticatedOriginPulls } from "@cdktf/provider-cloudflare-v5/lib/authenticated-origin-pulls";
import { DataCloudflareIpRanges } from "@cdktf/provider-cloudflare-v5/lib/data-cloudflare-ip-ranges";
import { DataCloudflareZone } from "@cdktf/provider-cloudflare-v5/lib/data-cloudflare-zone";
import { DnsRecord } from "@cdktf/provider-cloudflare-v5/lib/dns-record";
import { CloudflareProvider } from "@cdktf/provider-cloudflare-v5/lib/provider";
import { ZeroTrustAccessApplication } from "@cdktf/provider-cloudflare-v5/lib/zero-trust-access-application";
import { ZeroTrustAccessGroup } from "@cdktf/provider-cloudflare-v5/lib/zero-trust-access-group";
import {
  ZeroTrustAccessPolicy,
  type ZeroTrustAccessPolicyInclude,
  type ZeroTrustAccessPolicyRequire,
} from "@cdktf/provider-cloudflare-v5/lib/zero-trust-access-policy";
import { ZeroTrustAccessServiceToken } from "@cdktf/provider-cloudflare-v5/lib/zero-trust-access-service-token";
import { isLiteral } from "../errors";
import { replacedWith } from "../static-reference";
import { type AccessRule, type CloudflareMapping, unhandledRule } from "./mapping";

/** Why 5.14 cannot take the certificate files (shared with the configuration checks). */
export const PER_HOSTNAME_UPLOAD_MISSING =
  "the Cloudflare provider 5.14 (the last prebuilt binding) cannot upload a per-hostname origin-pull certificate: " +
  "its cloudflare_authenticated_origin_pulls_certificate uploads zone-level certificates only, and " +
  "cloudflare_authenticated_origin_pulls_hostname_certificate arrived in 5.17. Upload the certificate yourself " +
  "(POST /zones/<zone>/origin_tls_client_auth/hostnames/certificates) and give its ID";

/** TTL 1 is "automatic", the only TTL of a proxied record (the v4 provider's default, explicit in v5). */
const AUTOMATIC_TTL = 1;

/** One v5 include object per value (`{ email = { email = "…" } }`): the object, and the same as HCL over `val`. */
interface PerValue {
  readonly values: string[];
  readonly object: (value: string) => ZeroTrustAccessPolicyInclude;
  readonly hcl: string;
}
const quoted = (value: string) => JSON.stringify(value);
function perValue(rule: AccessRule): PerValue {
  switch (rule.kind) {
    case "emails":
      return { values: rule.values, object: (email) => ({ email: { email } }), hcl: "{ email = { email = val } }" };
    case "emailDomains":
      return { values: rule.values, object: (domain) => ({ emailDomain: { domain } }), hcl: "{ email_domain = { domain = val } }" };
    case "accessGroups":
      return { values: rule.values, object: (id) => ({ group: { id } }), hcl: "{ group = { id = val } }" };
    case "countries":
      return { values: rule.values, object: (countryCode) => ({ geo: { countryCode } }), hcl: "{ geo = { country_code = val } }" };
    case "ipRanges":
      return { values: rule.values, object: (ip) => ({ ip: { ip } }), hcl: "{ ip = { ip = val } }" };
    case "loginMethods":
      return { values: rule.values, object: (id) => ({ loginMethod: { id } }), hcl: "{ login_method = { id = val } }" };
    case "devicePosture":
      return { values: rule.values, object: (integrationUid) => ({ devicePosture: { integrationUid } }), hcl: "{ device_posture = { integration_uid = val } }" };
    case "serviceTokens":
      return { values: rule.values, object: (tokenId) => ({ serviceToken: { tokenId } }), hcl: "{ service_token = { token_id = val } }" };
    case "githubTeam": {
      const { organization: name, identityProvider: identityProviderId } = rule;
      // No teams: the whole organization (one rule without `team`).
      if (rule.teams === undefined || (isLiteral(rule.teams) && rule.teams.length === 0)) {
        return { values: [name], object: () => ({ githubOrganization: { name, identityProviderId } }), hcl: `{ github_organization = { name = ${quoted(name)}, identity_provider_id = ${quoted(identityProviderId)} } }` };
      }
      return {
        values: rule.teams,
        object: (team) => ({ githubOrganization: { name, team, identityProviderId } }),
        hcl: `{ github_organization = { name = ${quoted(name)}, team = val, identity_provider_id = ${quoted(identityProviderId)} } }`,
      };
    }
    case "googleGroups":
      return {
        values: rule.groups,
        object: (email) => ({ gsuite: { email, identityProviderId: rule.identityProvider } }),
        hcl: `{ gsuite = { email = val, identity_provider_id = ${quoted(rule.identityProvider)} } }`,
      };
    case "oktaGroup":
      return {
        values: rule.groups,
        object: (name) => ({ okta: { name, identityProviderId: rule.identityProvider } }),
        hcl: `{ okta = { name = val, identity_provider_id = ${quoted(rule.identityProvider)} } }`,
      };
    case "entraGroups":
      return {
        values: rule.groups,
        object: (id) => ({ azureAd: { id, identityProviderId: rule.identityProvider } }),
        hcl: `{ azure_ad = { id = val, identity_provider_id = ${quoted(rule.identityProvider)} } }`,
      };
    case "samlAttribute": {
      const saml = { attributeName: rule.name, attributeValue: rule.value, identityProviderId: rule.identityProvider };
      return {
        values: [rule.value],
        object: () => ({ saml }),
        hcl: `{ saml = { attribute_name = ${quoted(rule.name)}, attribute_value = val, identity_provider_id = ${quoted(rule.identityProvider)} } }`,
      };
    }
    case "mfa":
      return { values: ["mfa"], object: (authMethod) => ({ authMethod: { authMethod } }), hcl: "{ auth_method = { auth_method = val } }" };
    case "everyone":
      return { values: ["everyone"], object: () => ({ everyone: {} }), hcl: "{ everyone = {} }" };
    default:
      return unhandledRule(rule);
  }
}

/**
 * v5 include rules: one object per value. Literal lists are mapped here; when any list is a
 * Terraform value (a variable), every list becomes a `for` expression, so tfvars keep working.
 */
function includeRules(rules: AccessRule[]): ZeroTrustAccessPolicyInclude[] | IResolvable {
  const given = rules.map(perValue);
  if (given.every(({ values }) => isLiteral(values))) return given.flatMap(({ values, object }) => values.map(object));
  const parts = given.map(({ values, hcl }) => TerraformIterator.fromList(values).forExpressionForList(hcl));
  return parts.length === 1 ? parts[0] : Token.asAny(Fn.concat(parts));
}

/** `require` / `exclude`: left out when there are none. */
const optionalRules = (rules: AccessRule[] | undefined) => (rules && rules.length > 0 ? (includeRules(rules) as ZeroTrustAccessPolicyRequire[]) : undefined);

/** A Go duration (what 5.14 parses a service token's `duration` with). */
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

export const CLOUDFLARE_5: CloudflareMapping = {
  major: 5,
  perHostnameUploadMissing: PER_HOSTNAME_UPLOAD_MISSING,
  provider: (scope, id, apiToken) => void new CloudflareProvider(scope, id, { apiToken }),
  zoneByName(scope, id, name) {
    const zone = new DataCloudflareZone(scope, id, { filter: { name } });
    return { zoneId: zone.id, accountId: zone.account.id };
  },
  zoneById(scope, id, zoneId) {
    const zone = new DataCloudflareZone(scope, id, { zoneId });
    return { zoneId, accountId: zone.account.id };
  },
  proxiedRecord: (scope, id, s) =>
    new DnsRecord(scope, id, { zoneId: s.zoneId, name: s.hostname, type: "CNAME", content: s.originDomain, proxied: true, ttl: AUTOMATIC_TTL }),
  originPullsCertificate() {
    throw new Error(PER_HOSTNAME_UPLOAD_MISSING);
  },
  /**
   * The per-hostname setting: the top-level `hostname` is the one 5.14 reads the setting back by;
   * `config` is what it writes. The provider cannot import this resource and does not change it on
   * destroy (the setting stays on the hostname until changed through the API).
   */
  originPulls: (scope, id, s) =>
    new AuthenticatedOriginPulls(scope, id, {
      zoneId: s.zoneId,
      hostname: s.hostname,
      config: [{ hostname: s.hostname, certId: s.originPullCertificateId, enabled: true }],
      lifecycle: replacedWith(s.replaceTriggeredBy),
    }),
  /** v5 has no application-scoped policy: an account-level reusable policy the application's `policies` lists. */
  accessPolicy: (scope, id, s) =>
    new ZeroTrustAccessPolicy(scope, id, {
      accountId: s.accountId,
      name: s.name,
      decision: s.decision,
      include: includeRules(s.include),
      require: optionalRules(s.require),
      exclude: optionalRules(s.exclude),
      lifecycle: { createBeforeDestroy: true },
    }),
  accessGroup: (scope, id, s) => new ZeroTrustAccessGroup(scope, id, { accountId: s.accountId, name: s.name, include: includeRules(s.include) }),
  serviceToken(scope, id, s) {
    const token = new ZeroTrustAccessServiceToken(scope, id, { accountId: s.accountId, name: s.name, duration: s.duration });
    return { resource: token, id: token.id, clientId: token.clientId, clientSecret: token.clientSecret, expiresAt: token.expiresAt };
  },
  serviceTokenDurationProblem: (duration) =>
    GO_DURATION.test(duration) ? undefined : "must be a duration such as 8760h or 2h45m (units ns, us, µs, ms, s, m, h), as the Cloudflare provider 5.14 takes it",
  accessApplication(scope, id, s) {
    const application = new ZeroTrustAccessApplication(scope, id, {
      zoneId: s.zoneId,
      name: s.name,
      type: "self_hosted",
      domain: s.domain,
      destinations: [{ type: "public", uri: s.domain }],
      sessionDuration: s.sessionDuration,
      policies: s.policies.map((p, i) => ({ id: p.id, precedence: i + 1 })),
      allowedIdps: s.allowedIdps,
      autoRedirectToIdentity: s.allowedIdps?.length === 1 ? true : undefined,
    });
    return { application, aud: application.aud };
  },
  ipRanges(scope, id) {
    const ranges = new DataCloudflareIpRanges(scope, id, {});
    return { ipv4CidrBlocks: ranges.ipv4Cidrs, ipv6CidrBlocks: ranges.ipv6Cidrs };
  },
};
