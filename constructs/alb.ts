import { Construct } from "constructs";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { DataAwsSubnets } from "@cdktf/provider-aws/lib/data-aws-subnets";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";

export interface AlbProps {
  /** Name of the load balancer; the security group is `<name>-sg`. */
  readonly name: string;
  /** `Name` tags (not IDs) of the subnets to place the ALB in; the VPC is the first subnet's. */
  readonly subnetNames: string[];
  /** ARN of the ACM certificate the HTTPS listener presents. */
  readonly certificateArn: string;
  /** ARN of the trust store that verifies client certificates. */
  readonly trustStoreArn: string;
  /** Route53 hosted zone in which `domain` gets an alias record to the ALB. */
  readonly zoneName: string;
  /** The origin domain, e.g. `myapp.aws.example.com`. */
  readonly domain: string;
  /** TLS policy of the listener. @default "ELBSecurityPolicy-TLS13-1-2-2021-06" */
  readonly sslPolicy?: string;
}

/**
 * The internet-facing ALB with mutual TLS (reference module `alb`): security group (443 in),
 * HTTPS listener that verifies client certificates against the trust store and answers 404 unless
 * a rule matches, and the origin domain's alias record.
 */
export class Alb extends Construct {
  readonly loadBalancer: Lb;
  readonly listener: LbListener;
  readonly securityGroup: SecurityGroup;
  /** ARN of the ALB (reference output `alb_arn`). */
  readonly albArn: string;
  /** DNS name of the ALB (reference output `alb_dns_name`). */
  readonly albDnsName: string;
  /** ARN of the HTTPS listener (reference output `https_listener_arn`). */
  readonly httpsListenerArn: string;

  constructor(scope: Construct, id: string, props: AlbProps) {
    super(scope, id);

    const subnets = new DataAwsSubnets(this, "subnets", {
      filter: [{ name: "tag:Name", values: props.subnetNames }],
    });
    const firstSubnet = new DataAwsSubnet(this, "first_subnet", {
      // `ids[0]`, as the reference writes it (propertyAccess would render the legacy `ids.0`).
      id: `\${${subnets.fqn}.ids[0]}`,
    });
    const vpc = new DataAwsVpc(this, "vpc", { id: firstSubnet.vpcId });
    const zone = new DataAwsRoute53Zone(this, "zone", { name: props.zoneName });

    this.securityGroup = new SecurityGroup(this, "security_group", {
      name: `${props.name}-sg`,
      vpcId: vpc.id,
      description: `SG for ${props.name}`,
      ingress: [{ fromPort: 443, toPort: 443, protocol: "TCP", cidrBlocks: ["0.0.0.0/0"] }],
      egress: [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
      tags: { Name: `${props.name}-sg` },
    });

    this.loadBalancer = new Lb(this, "lb", {
      name: props.name,
      internal: false,
      loadBalancerType: "application",
      desyncMitigationMode: "defensive",
      dropInvalidHeaderFields: true,
      enableDeletionProtection: false,
      enableCrossZoneLoadBalancing: true,
      enableHttp2: true,
      idleTimeout: 60,
      ipAddressType: "ipv4",
      securityGroups: [this.securityGroup.id],
      subnets: subnets.ids,
    });

    this.listener = new LbListener(this, "https", {
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: props.sslPolicy ?? "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificateArn: props.certificateArn,
      defaultAction: [
        {
          type: "fixed-response",
          fixedResponse: { contentType: "text/plain", messageBody: "Not Found", statusCode: "404" },
        },
      ],
      mutualAuthentication: { mode: "verify", trustStoreArn: props.trustStoreArn },
    });

    new Route53Record(this, "origin_record", {
      zoneId: zone.zoneId,
      name: props.domain,
      type: "A",
      alias: {
        evaluateTargetHealth: false,
        name: this.loadBalancer.dnsName,
        zoneId: this.loadBalancer.zoneId,
      },
    });

    this.albArn = this.loadBalancer.arn;
    this.albDnsName = this.loadBalancer.dnsName;
    this.httpsListenerArn = this.listener.arn;
  }
}
