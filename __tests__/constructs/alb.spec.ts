import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { Alb } from "../../constructs/alb";
import { only, ref, synth } from "../helpers";

const props = {
  name: "demo-alb",
  subnetNames: ["public-a", "public-c"],
  certificateArn: "arn:aws:acm:ap-northeast-1:111122223333:certificate/abc",
  trustStoreArn: "arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:truststore/demo/1",
  zoneName: "aws.example.com",
  domain: "demo.aws.example.com",
};

describe("Alb", () => {
  const { text, json } = synth((s) => new Alb(s, "alb", props));

  it("finds the subnets by Name tag and the VPC from the first of them", () => {
    expect(only(json, "aws_subnets", "data").body.filter).toEqual([{ name: "tag:Name", values: ["public-a", "public-c"] }]);
    expect(only(json, "aws_subnet", "data").body.id).toBe("${data.aws_subnets.alb_subnets.ids[0]}");
    expect(only(json, "aws_vpc", "data").body.id).toBe(ref(json, "aws_subnet", "vpc_id", "data"));
  });

  it("opens 443 to the world and all egress, in that VPC", () => {
    const sg = only(json, "aws_security_group").body;
    expect(sg).toMatchObject({
      name: "demo-alb-sg",
      description: "SG for demo-alb",
      vpc_id: ref(json, "aws_vpc", "id", "data"),
      tags: { Name: "demo-alb-sg" },
    });
    expect(sg.ingress).toEqual([expect.objectContaining({ from_port: 443, to_port: 443, protocol: "TCP", cidr_blocks: ["0.0.0.0/0"] })]);
    expect(sg.egress).toEqual([
      expect.objectContaining({ from_port: 0, to_port: 0, protocol: "-1", cidr_blocks: ["0.0.0.0/0"], ipv6_cidr_blocks: ["::/0"] }),
    ]);
  });

  it("creates an internet-facing ALB with the reference's hardening flags", () => {
    expect(text).toHaveResourceWithProperties(Lb, {
      name: "demo-alb",
      internal: false,
      load_balancer_type: "application",
      desync_mitigation_mode: "defensive",
      drop_invalid_header_fields: true,
      enable_deletion_protection: false,
      enable_cross_zone_load_balancing: true,
      enable_http2: true,
      idle_timeout: 60,
      ip_address_type: "ipv4",
      security_groups: [ref(json, "aws_security_group", "id")],
      subnets: "${data.aws_subnets.alb_subnets.ids}",
    });
  });

  it("verifies client certificates on the HTTPS listener and answers 404 by default", () => {
    expect(text).toHaveResourceWithProperties(LbListener, {
      load_balancer_arn: ref(json, "aws_lb", "arn"),
      port: 443,
      protocol: "HTTPS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificate_arn: props.certificateArn,
      mutual_authentication: { mode: "verify", trust_store_arn: props.trustStoreArn },
      default_action: [
        { type: "fixed-response", fixed_response: { content_type: "text/plain", message_body: "Not Found", status_code: "404" } },
      ],
    });
  });

  it("points the origin domain at the ALB with an alias record", () => {
    expect(only(json, "aws_route53_zone", "data").body.name).toBe("aws.example.com");
    expect(only(json, "aws_route53_record").body).toMatchObject({
      zone_id: ref(json, "aws_route53_zone", "zone_id", "data"),
      name: "demo.aws.example.com",
      type: "A",
      alias: { evaluate_target_health: false, name: ref(json, "aws_lb", "dns_name"), zone_id: ref(json, "aws_lb", "zone_id") },
    });
  });

  it("takes another TLS policy", () => {
    const { text: t } = synth((s) => new Alb(s, "alb", { ...props, sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06" }));
    expect(t).toHaveResourceWithProperties(LbListener, { ssl_policy: "ELBSecurityPolicy-TLS13-1-3-2021-06" });
  });

  describe("mutual TLS modes", () => {
    const { trustStoreArn: _, ...withoutStore } = props;
    const build = (extra: object) => () => synth((s) => new Alb(s, "alb", { ...withoutStore, ...extra }));

    it("requires a trust store in verify mode, naming the prop", () => {
      expect(build({})).toThrow('test/alb: trustStoreArn is required when mutualTlsMode is "verify"');
    });

    it("refuses verify-only props in the other modes, naming the prop", () => {
      expect(build({ mutualTlsMode: "passthrough", trustStoreArn: props.trustStoreArn })).toThrow(
        'test/alb: trustStoreArn applies to mutualTlsMode "verify" only; it is "passthrough" here',
      );
      expect(build({ mutualTlsMode: "off", ignoreClientCertificateExpiry: false })).toThrow(/ignoreClientCertificateExpiry applies to mutualTlsMode "verify" only/);
      expect(build({ mutualTlsMode: "passthrough", advertiseTrustStoreCaNames: true })).toThrow(/advertiseTrustStoreCaNames applies/);
      expect(build({ mutualTlsMode: "strict" })).toThrow('test/alb: mutualTlsMode must be "verify", "passthrough" or "off", got "strict"');
    });

    it("configures pass-through without a trust store", () => {
      const { json: j } = synth((s) => new Alb(s, "alb", { ...withoutStore, mutualTlsMode: "passthrough" }));
      expect(only(j, "aws_lb_listener").body.mutual_authentication).toEqual({ mode: "passthrough" });
    });

    it("maps advertiseTrustStoreCaNames to on/off", () => {
      const { json: j } = synth((s) => new Alb(s, "alb", { ...props, advertiseTrustStoreCaNames: false }));
      expect(only(j, "aws_lb_listener").body.mutual_authentication.advertise_trust_store_ca_names).toBe("off");
    });
  });

  it("restricts ingress to the given CIDRs", () => {
    const { json: j } = synth((s) => new Alb(s, "alb", { ...props, ingressIpv4Cidrs: ["173.245.48.0/20"], ingressIpv6Cidrs: ["2400:cb00::/32"] }));
    expect(only(j, "aws_security_group").body.ingress).toEqual([
      expect.objectContaining({ cidr_blocks: ["173.245.48.0/20"], ipv6_cidr_blocks: ["2400:cb00::/32"] }),
    ]);
  });

  it("checks the name, CIDRs and web ACL ARN, naming the prop", () => {
    expect(() => synth((s) => new Alb(s, "alb", { ...props, name: "internal-app" }))).toThrow(/test\/alb: name "internal-app" must be 1–32 characters.*not starting with "internal-"/);
    expect(() => synth((s) => new Alb(s, "alb", { ...props, ingressIpv4Cidrs: ["10.0.0.0/8", "10.0.0.1"] }))).toThrow(/test\/alb: ingressIpv4Cidrs\[1\] "10\.0\.0\.1" must be an IPv4 or IPv6 CIDR/);
    expect(() => synth((s) => new Alb(s, "alb", { ...props, webAclArn: "arn:aws:wafv2:us-east-1:111122223333:global/webacl/x/1" }))).toThrow(/webAclArn .* must be a REGIONAL/);
  });
});
