import { Construct } from "constructs";
import { TerraformIterator, Token } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";

export interface CertProps {
  /** Name of the Route53 hosted zone that holds `domain`; the DNS validation records go there. */
  readonly zoneName: string;
  /** The origin domain (the ALB's name), e.g. `myapp.aws.example.com`. */
  readonly domain: string;
}

/**
 * The ALB's server certificate (reference module `cert`): an ACM certificate validated by DNS
 * records in the Route53 zone, one per validation option, keyed by domain name.
 */
export class Cert extends Construct {
  readonly certificate: AcmCertificate;
  readonly validation: AcmCertificateValidation;
  /** The DNS validation records (`for_each` over the validation options, keyed by domain name). */
  readonly validationRecords: Route53Record;
  /**
   * ARN of the certificate (reference output `certification_arn`). As in the reference it points at
   * the certificate itself, not at the validation, so the listener does not wait for validation.
   */
  readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: CertProps) {
    super(scope, id);

    const zone = new DataAwsRoute53Zone(this, "zone", { name: props.zoneName });
    this.certificate = new AcmCertificate(this, "certificate", {
      domainName: props.domain,
      validationMethod: "DNS",
      lifecycle: { createBeforeDestroy: true },
    });

    const option = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, "domain_name");
    const records = new Route53Record(this, "validation_record", {
      forEach: option,
      allowOverwrite: true,
      name: option.getString("resource_record_name"),
      records: [option.getString("resource_record_value")],
      ttl: 60,
      type: option.getString("resource_record_type"),
      zoneId: zone.zoneId,
    });

    this.validationRecords = records;
    this.validation = new AcmCertificateValidation(this, "validation", {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
    });
    this.certificateArn = this.certificate.arn;
  }
}
