/** The Cloudflare provider 4.52.0 (the reference's): @cdktf/provider-cloudflare 11.30.0. */
import { AuthenticatedOriginPulls } from "@cdktf/provider-cloudflare/lib/authenticated-origin-pulls";
import { AuthenticatedOriginPullsCertificate } from "@cdktf/provider-cloudflare/lib/authenticated-origin-pulls-certificate";
import { DataCloudflareIpRanges } from "@cdktf/provider-cloudflare/lib/data-cloudflare-ip-ranges";
import { DataCloudflareZone } from "@cdktf/provider-cloudflare/lib/data-cloudflare-zone";
import { CloudflareProvider } from "@cdktf/provider-cloudflare/lib/provider";
import { Record as DnsRecord } from "@cdktf/provider-cloudflare/lib/record";
import { ZeroTrustAccessApplication } from "@cdktf/provider-cloudflare/lib/zero-trust-access-application";
import { ZeroTrustAccessPolicy, type ZeroTrustAccessPolicyInclude } from "@cdktf/provider-cloudflare/lib/zero-trust-access-policy";
import { staticReference } from "../static-reference";
import { type AccessRule, type CloudflareMapping, unhandledRule } from "./mapping";

/** v4 include: one block whose attributes are lists (`email = [...]`, `email_domain = [...]`). */
function includeBlock(rules: AccessRule[]): ZeroTrustAccessPolicyInclude {
  const block: { -readonly [K in keyof ZeroTrustAccessPolicyInclude]: ZeroTrustAccessPolicyInclude[K] } = {};
  for (const rule of rules) {
    switch (rule.kind) {
      case "emails":
        block.email = rule.emails;
        break;
      case "emailDomains":
        block.emailDomain = rule.domains;
        break;
      case "ipRanges":
        block.ip = rule.ranges;
        break;
      default:
        unhandledRule(rule);
    }
  }
  return block;
}

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
        lifecycle: { createBeforeDestroy: true, replaceTriggeredBy: s.gapless.replaceTriggeredBy?.map(staticReference) },
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
      lifecycle: s.replaceTriggeredBy && { replaceTriggeredBy: s.replaceTriggeredBy.map(staticReference) },
    }),
  accessPolicy: (scope, id, s) =>
    new ZeroTrustAccessPolicy(scope, id, {
      accountId: s.accountId,
      name: s.name,
      decision: s.decision,
      // The reference's allow policy writes both lists, empty or not.
      include: [{ ...(s.decision === "allow" ? { email: [], emailDomain: [] } : {}), ...includeBlock(s.include) }],
      lifecycle: { createBeforeDestroy: true },
    }),
  accessApplication(scope, id, s) {
    const application = new ZeroTrustAccessApplication(scope, id, {
      zoneId: s.zoneId,
      name: s.name,
      domain: s.domain,
      type: "self_hosted",
      sessionDuration: s.sessionDuration,
      policies: s.policies.map((p) => p.id),
    });
    return { application, aud: application.aud };
  },
  ipRanges: (scope, id) => new DataCloudflareIpRanges(scope, id, {}),
};
