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

/** One condition of an Access policy: who (or where from) a request must be to match it. */
export type AccessRule =
  /** These e-mail addresses. */
  | { readonly kind: "emails"; readonly emails: string[] }
  /** Any address in these e-mail domains (`example.com`). */
  | { readonly kind: "emailDomains"; readonly domains: string[] }
  /** Requests from these IP addresses or CIDRs. */
  | { readonly kind: "ipRanges"; readonly ranges: string[] };

/** A policy's decision: `allow` lets the matching people in after login, `bypass` skips Access. */
export type AccessDecision = "allow" | "bypass";

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
}

export interface AccessApplicationSettings {
  readonly zoneId: string;
  readonly name: string;
  readonly domain: string;
  readonly sessionDuration: string;
  /** In order of precedence. */
  readonly policies: CloudflareResourceWithId[];
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
  /** The application, and its AUD tag as the rest of the stack reads it. */
  accessApplication(scope: Construct, id: string, settings: AccessApplicationSettings): { readonly application: TerraformResource; readonly aud: string };
  ipRanges(scope: Construct, id: string): CloudflareIpRanges;
}

/** For an exhaustive `switch`: a rule kind no case handles does not compile. */
export function unhandledRule(rule: never): never {
  throw new Error(`unhandled Access rule ${JSON.stringify(rule)}`);
}
