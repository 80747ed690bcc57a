/**
 * What the Cloudflare constructs (CloudflareZone, CloudflareHostname, CloudflareAccess) ask of a
 * Cloudflare provider major: one small mapping object per major (v4.ts, v5.ts) writes each
 * concept the way that provider wants it, under the same construct ids, so a stack's Terraform
 * addresses do not depend on the major. The major is chosen once (`cloudflareMapping`, majors.ts).
 *
 * Access rules are one typed model (`AccessRule`); each mapping turns them into its provider's
 * include blocks with an exhaustive `switch`, so a new rule kind does not compile until both
 * majors handle it.
 */
import type { Construct } from "constructs";
import type { ITerraformDependable, ITerraformResource, TerraformResource } from "cdktf";

/** Major version of the Cloudflare provider: 4 (the reference's 4.52.0) or 5 (5.14). */
export type CloudflareMajor = 4 | 5;

/** Access rules that are a list of values, any of which matches (each value is one Cloudflare rule). */
export type ListRuleKind =
  /** These e-mail addresses. */
  | "emails"
  /** Any address in these e-mail domains (`example.com`). */
  | "emailDomains"
  /** Members of these existing Access groups (IDs). */
  | "accessGroups"
  /** Requests from these countries (ISO 3166-1 alpha-2). */
  | "countries"
  /** Requests from these IP addresses or CIDRs. */
  | "ipRanges"
  /** People who logged in with these identity providers (IDs). */
  | "loginMethods"
  /** Devices that pass these device posture rules (IDs). */
  | "devicePosture"
  /** These service tokens (IDs of `cloudflare_zero_trust_access_service_token`). */
  | "serviceTokens";

/** One condition of an Access policy: who (or where from) a request must be to match it. */
export type AccessRule =
  | { readonly kind: ListRuleKind; readonly values: string[] }
  /** Members of a GitHub organization, or of some of its teams, through a GitHub identity provider. */
  | { readonly kind: "githubTeam"; readonly organization: string; readonly teams?: string[]; readonly identityProvider: string }
  /** Members of Google Workspace groups (group e-mails), Okta groups (names) or Entra ID groups (object IDs). */
  | { readonly kind: "googleGroups" | "oktaGroup" | "entraGroups"; readonly groups: string[]; readonly identityProvider: string }
  /** People whose SAML assertion has this attribute value. */
  | { readonly kind: "samlAttribute"; readonly name: string; readonly value: string; readonly identityProvider: string }
  /** People who logged in with multi-factor authentication (`auth_method` "mfa"). */
  | { readonly kind: "mfa" }
  /** Anyone (who logs in). */
  | { readonly kind: "everyone" };

/**
 * A policy's decision: `allow` lets the matching people in after login, `non_identity` lets
 * service tokens in without one ("Service Auth"), `bypass` skips Access.
 */
export type AccessDecision = "allow" | "non_identity" | "bypass";

/** The zone looked up by name or ID: what the other resources reference. */
export interface ZoneLookup {
  /** ID of the zone, as the resources of this major reference it. */
  readonly zoneId: string;
  /** ID of the zone's account (where Access policies live). */
  readonly accountId: string;
}

export interface ProxiedRecordSettings {
  readonly zoneId: string;
  readonly hostname: string;
  readonly originDomain: string;
}

export interface OriginPullsSettings {
  readonly zoneId: string;
  readonly hostname: string;
  readonly originPullCertificateId: string;
  /** Resources whose replacement re-creates the setting. @default none */
  readonly replaceTriggeredBy?: ITerraformResource[];
}

export interface OriginPullsCertificateSettings {
  readonly zoneId: string;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /**
   * Renewal without a gap (docs/certificates.md): the new certificate is uploaded (and active)
   * before the old one is deleted, and the hostnames' settings move to it in place. @default the
   * reference's lifecycle (replaced destroy-first; each setting re-created through `replaceTriggeredBy`)
   */
  readonly gapless?: {
    /** Resources whose replacement replaces the certificate (the TLS certificate that issues it). @default none */
    readonly replaceTriggeredBy?: ITerraformResource[];
    /** What must be done before a new certificate is uploaded (the trust store that trusts its CA). @default none */
    readonly dependsOn?: ITerraformDependable[];
  };
}

export interface AccessPolicySettings {
  readonly accountId: string;
  readonly name: string;
  readonly decision: AccessDecision;
  /** Any of these lets a request match (Cloudflare's `include`). */
  readonly include: AccessRule[];
  /** Each of these must match too (Cloudflare's `require`: every rule, so one rule per entry). @default none */
  readonly require?: AccessRule[];
  /** None of these may match (Cloudflare's `exclude`). @default none */
  readonly exclude?: AccessRule[];
}

/** An Access group: any of its rules matches (what a `require` entry with several values becomes). */
export interface AccessGroupSettings {
  readonly accountId: string;
  readonly name: string;
  readonly include: AccessRule[];
}

export interface ServiceTokenSettings {
  readonly accountId: string;
  readonly name: string;
  /** How long the token is valid; checked per major before it is made. @default the provider's (8760h) */
  readonly duration?: string;
}

/** A service token as the rest of the stack reads it. */
export interface ServiceTokenAttributes {
  readonly resource: TerraformResource;
  /** ID of the token (what a policy's service-token rule names). */
  readonly id: string;
  /** `CF-Access-Client-Id`; the Access JWT's `common_name`. */
  readonly clientId: string;
  /** `CF-Access-Client-Secret` (sensitive). */
  readonly clientSecret: string;
  /** When the token expires (RFC 3339). */
  readonly expiresAt: string;
}

export interface AccessApplicationSettings {
  readonly zoneId: string;
  readonly name: string;
  readonly domain: string;
  readonly sessionDuration: string;
  /** In order of precedence. */
  readonly policies: CloudflareResourceWithId[];
  /** Only these identity providers (IDs) on the login page; with one, Access redirects to it. @default every provider of the account */
  readonly allowedIdps?: string[];
}

/** A resource other resources reference by its `id`. */
export type CloudflareResourceWithId = TerraformResource & { readonly id: string };

/** Cloudflare's published IP ranges, as the ALB's ingress takes them. */
export interface CloudflareIpRanges {
  readonly ipv4CidrBlocks: string[];
  readonly ipv6CidrBlocks: string[];
}

/** How one Cloudflare provider major writes each concept; every method makes its resource as `id` in `scope`. */
export interface CloudflareMapping {
  readonly major: CloudflareMajor;
  /** Why this major cannot upload a per-hostname origin-pull certificate; undefined when it can. */
  readonly perHostnameUploadMissing?: string;
  provider(scope: Construct, id: string, apiToken: string): void;
  zoneByName(scope: Construct, id: string, name: string): ZoneLookup;
  zoneById(scope: Construct, id: string, zoneId: string): ZoneLookup;
  proxiedRecord(scope: Construct, id: string, settings: ProxiedRecordSettings): TerraformResource;
  /** Uploads a per-hostname origin-pull certificate; only where `perHostnameUploadMissing` is undefined. */
  originPullsCertificate(scope: Construct, id: string, settings: OriginPullsCertificateSettings): CloudflareResourceWithId;
  originPulls(scope: Construct, id: string, settings: OriginPullsSettings): TerraformResource;
  accessPolicy(scope: Construct, id: string, settings: AccessPolicySettings): CloudflareResourceWithId;
  accessGroup(scope: Construct, id: string, settings: AccessGroupSettings): CloudflareResourceWithId;
  serviceToken(scope: Construct, id: string, settings: ServiceTokenSettings): ServiceTokenAttributes;
  /** Why this major refuses a service token duration; undefined when it takes it. */
  serviceTokenDurationProblem(duration: string): string | undefined;
  /** The application, and its AUD tag as the rest of the stack reads it. */
  accessApplication(scope: Construct, id: string, settings: AccessApplicationSettings): { readonly application: TerraformResource; readonly aud: string };
  ipRanges(scope: Construct, id: string): CloudflareIpRanges;
}

/** For an exhaustive `switch`: a rule kind no case handles does not compile. */
export function unhandledRule(rule: never): never {
  throw new Error(`unhandled Access rule ${JSON.stringify(rule)}`);
}
