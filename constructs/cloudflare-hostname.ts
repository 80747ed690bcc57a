import { Construct } from "constructs";
import type { ITerraformResource } from "cdktf";
import { AuthenticatedOriginPulls } from "@cdktf/provider-cloudflare/lib/authenticated-origin-pulls";
import { Record as DnsRecord } from "@cdktf/provider-cloudflare/lib/record";
import type { AuthenticatedOriginPulls as AuthenticatedOriginPullsV5 } from "@cdktf/provider-cloudflare-v5/lib/authenticated-origin-pulls";
import type { DnsRecord as DnsRecordV5 } from "@cdktf/provider-cloudflare-v5/lib/dns-record";
import { originPullsBindingV5, proxiedRecordV5 } from "./cloudflare-hostname-v5";
import { staticReference } from "./static-reference";

export interface CloudflareHostnameProps {
  /** ID of the Cloudflare zone the hostname is in. */
  readonly zoneId: string;
  /** The hostname users open, e.g. `wiki.example.com`. */
  readonly hostname: string;
  /** The origin domain it points to (the ALB's alias record); one origin serves every hostname. */
  readonly originDomain: string;
  /** ID of the per-hostname origin-pull certificate (`CloudflareZone.originPullCertificateId`); one certificate may serve every hostname. */
  readonly originPullCertificateId: string;
  /** Resources whose replacement re-creates the origin-pull setting (the uploaded certificate). @default none */
  readonly replaceTriggeredBy?: ITerraformResource[];
  /**
   * Major version of the Cloudflare provider: 4 (`cloudflare_record`) or 5 (`cloudflare_dns_record`
   * and the v5 origin-pull setting). Same Terraform names. @default 4
   */
  readonly cloudflareProvider?: 4 | 5;
}

/** The proxied CNAME from `hostname` to the origin domain, as `record` in `scope`. */
export function proxiedRecord(scope: Construct, props: Pick<CloudflareHostnameProps, "zoneId" | "hostname" | "originDomain">): DnsRecord {
  return new DnsRecord(scope, "record", {
    name: props.hostname,
    type: "CNAME",
    zoneId: props.zoneId,
    content: props.originDomain,
    proxied: true,
  });
}

/** The per-hostname Authenticated Origin Pulls setting of `hostname`, as `origin_pulls` in `scope`. */
export function originPullsBinding(
  scope: Construct,
  props: Pick<CloudflareHostnameProps, "zoneId" | "hostname" | "originPullCertificateId" | "replaceTriggeredBy">,
): AuthenticatedOriginPulls {
  return new AuthenticatedOriginPulls(scope, "origin_pulls", {
    enabled: true,
    zoneId: props.zoneId,
    authenticatedOriginPullsCertificate: props.originPullCertificateId,
    hostname: props.hostname,
    // Written as bare addresses (`type.name`): Terraform rejects an interpolation in a meta-argument.
    lifecycle: props.replaceTriggeredBy && { replaceTriggeredBy: props.replaceTriggeredBy.map(staticReference) },
  });
}

/**
 * One more hostname on the origin (an application of a multi-application gate): a proxied CNAME to
 * the origin domain and a per-hostname origin-pull binding, so Cloudflare presents the client
 * certificate for this hostname too. The zone must use SSL mode Full (strict).
 */
export class CloudflareHostname extends Construct {
  readonly record: DnsRecord | DnsRecordV5;
  readonly originPulls: AuthenticatedOriginPulls | AuthenticatedOriginPullsV5;
  /** The hostname, e.g. `wiki.example.com`. */
  readonly hostname: string;

  constructor(scope: Construct, id: string, props: CloudflareHostnameProps) {
    super(scope, id);
    const v5 = props.cloudflareProvider === 5;
    this.record = (v5 ? proxiedRecordV5 : proxiedRecord)(this, props);
    this.originPulls = (v5 ? originPullsBindingV5 : originPullsBinding)(this, props);
    this.hostname = props.hostname;
  }
}
