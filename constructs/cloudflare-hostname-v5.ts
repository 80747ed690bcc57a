import { Construct } from "constructs";
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

/**
 * `CloudflareHostname` for the Cloudflare provider 5: one more hostname on the origin, a proxied
 * `cloudflare_dns_record` to the origin domain and its per-hostname origin-pull setting with the
 * shared certificate. Same props, same Terraform addresses (`<id>_record`, `<id>_origin_pulls`).
 */
export class CloudflareHostnameV5 extends Construct {
  readonly record: DnsRecord;
  readonly originPulls: AuthenticatedOriginPulls;
  /** The hostname, e.g. `wiki.example.com`. */
  readonly hostname: string;

  constructor(scope: Construct, id: string, props: CloudflareHostnameProps) {
    super(scope, id);
    this.record = proxiedRecordV5(this, props);
    this.originPulls = originPullsBindingV5(this, props);
    this.hostname = props.hostname;
  }
}
