import { Construct } from "constructs";
import type { AuthenticatedOriginPulls } from "@cdktf/provider-cloudflare-v5/lib/authenticated-origin-pulls";
import { DataCloudflareZone } from "@cdktf/provider-cloudflare-v5/lib/data-cloudflare-zone";
import type { DnsRecord } from "@cdktf/provider-cloudflare-v5/lib/dns-record";
import { originPullsBindingV5, proxiedRecordV5 } from "./cloudflare-hostname-v5";
import { PropsError } from "./errors";

/** Why 5.14 cannot take the certificate files (shared with the configuration checks). */
export const PER_HOSTNAME_UPLOAD_MISSING =
  "the Cloudflare provider 5.14 (the last prebuilt binding) cannot upload a per-hostname origin-pull certificate: " +
  "its cloudflare_authenticated_origin_pulls_certificate uploads zone-level certificates only, and " +
  "cloudflare_authenticated_origin_pulls_hostname_certificate arrived in 5.17. Upload the certificate yourself " +
  "(POST /zones/<zone>/origin_tls_client_auth/hostnames/certificates) and give its ID";

export interface CloudflareZoneV5Props {
  /** Name of the existing Cloudflare zone, e.g. `example.com`. */
  readonly zoneName: string;
  /** The hostname users open: gets the proxied record and the per-hostname origin-pull setting. @default none (add hostnames with `CloudflareHostname` and `cloudflareProvider: 5`) */
  readonly applicationDomain?: string;
  /** The origin domain the hostname points to (the ALB's alias record). */
  readonly originDomain: string;
  /**
   * ID of the per-hostname origin-pull certificate Cloudflare presents to the origin, uploaded
   * outside Terraform (5.14 has no resource for it; see PER_HOSTNAME_UPLOAD_MISSING).
   */
  readonly originPullCertificateId: string;
}

/**
 * `CloudflareZone` for the Cloudflare provider 5.14: the zone looked up by name, and for
 * `applicationDomain` a proxied `cloudflare_dns_record` and the per-hostname Authenticated Origin
 * Pulls setting with a certificate given by ID. The zone must use SSL mode Full (strict).
 * Terraform addresses are the v4 construct's (`<id>_zone`, `<id>_record`, `<id>_origin_pulls`).
 */
export class CloudflareZoneV5 extends Construct {
  /** The proxied record, when `applicationDomain` was given. */
  readonly record?: DnsRecord;
  /** The per-hostname origin-pull setting, when `applicationDomain` was given. */
  readonly originPulls?: AuthenticatedOriginPulls;
  /** Never set on 5.14: the certificate is uploaded outside Terraform. */
  readonly originPullsCertificate?: undefined;
  /** ID of the zone. */
  readonly zoneId: string;
  /** ID of the zone's account (where the v5 Access policies live). */
  readonly accountId: string;
  /** ID of the per-hostname origin-pull certificate; every hostname of the zone may use it. */
  readonly originPullCertificateId: string;

  constructor(scope: Construct, id: string, props: CloudflareZoneV5Props) {
    super(scope, id);
    const given = props as CloudflareZoneV5Props & { clientCertificatePem?: unknown; clientPrivateKeyPem?: unknown };
    if (given.clientCertificatePem !== undefined || given.clientPrivateKeyPem !== undefined) {
      throw new PropsError(this, "clientCertificatePem", `is not supported: ${PER_HOSTNAME_UPLOAD_MISSING} as originPullCertificateId`);
    }
    if (props.originPullCertificateId === undefined) {
      throw new PropsError(this, "originPullCertificateId", `is required: ${PER_HOSTNAME_UPLOAD_MISSING} here`);
    }
    const zone = new DataCloudflareZone(this, "zone", { filter: { name: props.zoneName } });
    this.zoneId = zone.id;
    this.accountId = zone.account.id;
    this.originPullCertificateId = props.originPullCertificateId;
    const domain = props.applicationDomain;
    if (domain !== undefined) {
      this.record = proxiedRecordV5(this, { zoneId: this.zoneId, hostname: domain, originDomain: props.originDomain });
      this.originPulls = originPullsBindingV5(this, { zoneId: this.zoneId, hostname: domain, originPullCertificateId: this.originPullCertificateId });
    }
  }
}
