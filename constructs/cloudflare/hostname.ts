import { Construct } from "constructs";
import type { ITerraformResource, TerraformResource } from "cdktf";
import { type CloudflareProviderChoice, cloudflareMapping } from "./majors";

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
  readonly cloudflareProvider?: CloudflareProviderChoice;
}

/**
 * One more hostname on the origin (an application of a multi-application gate): a proxied CNAME to
 * the origin domain and a per-hostname origin-pull binding, so Cloudflare presents the client
 * certificate for this hostname too. The zone must use SSL mode Full (strict).
 */
export class CloudflareHostname extends Construct {
  readonly record: TerraformResource;
  readonly originPulls: TerraformResource;
  /** The hostname, e.g. `wiki.example.com`. */
  readonly hostname: string;

  constructor(scope: Construct, id: string, props: CloudflareHostnameProps) {
    super(scope, id);
    const cloudflare = cloudflareMapping(props.cloudflareProvider);
    this.record = cloudflare.proxiedRecord(this, "record", props);
    this.originPulls = cloudflare.originPulls(this, "origin_pulls", props);
    this.hostname = props.hostname;
  }
}
