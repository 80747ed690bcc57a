import type { Construct } from "constructs";
import { AuthenticatedOriginPulls } from "@cdktf/provider-cloudflare-v5/lib/authenticated-origin-pulls";
import { DnsRecord } from "@cdktf/provider-cloudflare-v5/lib/dns-record";
import type { CloudflareHostnameProps } from "./cloudflare-hostname";
import { staticReference } from "./static-reference";

/** TTL 1 is "automatic", the only TTL of a proxied record (the v4 provider's default, explicit in v5). */
const AUTOMATIC_TTL = 1;

/** The proxied CNAME from `hostname` to the origin domain, as `record` in `scope` (Cloudflare provider 5). */
export function proxiedRecordV5(scope: Construct, props: Pick<CloudflareHostnameProps, "zoneId" | "hostname" | "originDomain">): DnsRecord {
  return new DnsRecord(scope, "record", {
    zoneId: props.zoneId,
    name: props.hostname,
    type: "CNAME",
    content: props.originDomain,
    proxied: true,
    ttl: AUTOMATIC_TTL,
  });
}

/**
 * The per-hostname Authenticated Origin Pulls setting of `hostname`, as `origin_pulls` in `scope`
 * (Cloudflare provider 5.14). The top-level `hostname` is the one 5.14 reads the setting back by;
 * `config` is what it writes. The provider cannot import this resource and does not change it on
 * destroy (the setting stays on the hostname until changed through the API).
 */
export function originPullsBindingV5(
  scope: Construct,
  props: Pick<CloudflareHostnameProps, "zoneId" | "hostname" | "originPullCertificateId" | "replaceTriggeredBy">,
): AuthenticatedOriginPulls {
  return new AuthenticatedOriginPulls(scope, "origin_pulls", {
    zoneId: props.zoneId,
    hostname: props.hostname,
    config: [{ hostname: props.hostname, certId: props.originPullCertificateId, enabled: true }],
    lifecycle: props.replaceTriggeredBy && { replaceTriggeredBy: props.replaceTriggeredBy.map(staticReference) },
  });
}
