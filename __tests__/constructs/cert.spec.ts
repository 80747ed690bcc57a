import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { Cert } from "../../constructs/cert";
import { only, ref, synth } from "../helpers";

describe("Cert", () => {
  const { text, json } = synth((s) => new Cert(s, "cert", { zoneName: "aws.example.com", domain: "app.aws.example.com" }));

  it("requests a DNS-validated certificate for the origin domain, replaced before destroy", () => {
    expect(text).toHaveResourceWithProperties(AcmCertificate, {
      domain_name: "app.aws.example.com",
      validation_method: "DNS",
      lifecycle: { create_before_destroy: true },
    });
  });

  it("writes one validation record per validation option, keyed by domain name, in the hosted zone", () => {
    expect(text).toHaveDataSourceWithProperties(DataAwsRoute53Zone, { name: "aws.example.com" });
    const record = only(json, "aws_route53_record").body;
    const cert = only(json, "aws_acm_certificate").name;
    expect(record.for_each).toBe(
      `\${{ for key, val in tolist(aws_acm_certificate.${cert}.domain_validation_options): val.domain_name => val }}`,
    );
    expect(record).toMatchObject({
      allow_overwrite: true,
      ttl: 60,
      name: "${each.value.resource_record_name}",
      records: ["${each.value.resource_record_value}"],
      type: "${each.value.resource_record_type}",
      zone_id: ref(json, "aws_route53_zone", "zone_id", "data"),
    });
  });

  it("waits for validation on the FQDNs of all those records", () => {
    const validation = only(json, "aws_acm_certificate_validation").body;
    const records = only(json, "aws_route53_record").name;
    expect(validation.certificate_arn).toBe(ref(json, "aws_acm_certificate", "arn"));
    expect(validation.validation_record_fqdns).toBe(`\${[ for key, val in aws_route53_record.${records}: val.fqdn]}`);
  });

  it("outputs the certificate ARN, not the validation's (as the reference does)", () => {
    let cert!: Cert;
    const { json: j } = synth((s) => {
      cert = new Cert(s, "cert", { zoneName: "z", domain: "d.z" });
      new AcmCertificate(s, "probe", { domainName: cert.certificateArn });
    });
    expect(j.resource.aws_acm_certificate.probe.domain_name).toBe("${aws_acm_certificate.cert_certificate.arn}");
  });
});
