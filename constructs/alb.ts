import { Construct } from "constructs";
import type { ITerraformDependable } from "cdktf";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { DataAwsSubnet } from "@cdktf/provider-aws/lib/data-aws-subnet";
import { DataAwsSubnets } from "@cdktf/provider-aws/lib/data-aws-subnets";
import { DataAwsVpc } from "@cdktf/provider-aws/lib/data-aws-vpc";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { SecurityGroup, type SecurityGroupEgress } from "@cdktf/provider-aws/lib/security-group";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { PropsError, checkEach, checkProp } from "./errors";
import { rules } from "./rules";

/**
 * How the listener handles client certificates:
 * - `verify`: the ALB checks the certificate against the trust store; a request without a valid
 *   certificate fails in the TLS handshake and never reaches a target (the reference's mode).
 * - `passthrough`: the ALB checks nothing and forwards the certificate chain, URL-encoded, in
 *   `x-amzn-mtls-clientcert`. Requests WITHOUT a certificate reach the target too: the backend
 *   must verify (see functions/guard).
 * - `off`: plain HTTPS, no client certificate requested.
 */
export type MutualTlsMode = (typeof MUTUAL_TLS_MODES)[number];

/** Every mode, for checks and schemas. */
export const MUTUAL_TLS_MODES = ["verify", "passthrough", "off"] as const;

/**
 * Listener options that apply to mode `verify` only (besides the trust store): the AWS provider
 * 5.x accepts them in the other modes at plan time and fails at apply.
 */
export const VERIFY_ONLY_OPTIONS = ["ignoreClientCertificateExpiry", "advertiseTrustStoreCaNames"] as const;

/** Where the ALB writes a kind of log. */
export interface AlbLogDestination {
  /** Bucket name (its policy must let Elastic Load Balancing write; see AlbLogBucket). */
  readonly bucket: string;
  /** Key prefix. @default no prefix */
  readonly prefix?: string;
}

export interface AlbProps {
  /** Name of the load balancer; the security group is `<name>-sg`. */
  readonly name: string;
  /** `Name` tags (not IDs) of the subnets to place the ALB in; the VPC is the first subnet's. */
  readonly subnetNames: string[];
  /** ARN of the ACM certificate the HTTPS listener presents. */
  readonly certificateArn: string;
  /** How client certificates are handled. @default "verify" */
  readonly mutualTlsMode?: MutualTlsMode;
  /** ARN of the trust store that verifies client certificates. Required in `verify` mode, refused in the others. */
  readonly trustStoreArn?: string;
  /** Verify mode only: accept client certificates past their expiry date. @default false (not set) */
  readonly ignoreClientCertificateExpiry?: boolean;
  /**
   * Verify mode only: send the trust store's CA subject names in the TLS CertificateRequest, so
   * clients holding several certificates pick the right one. @default false (not set)
   */
  readonly advertiseTrustStoreCaNames?: boolean;
  /** IPv4 CIDRs allowed to reach port 443. @default ["0.0.0.0/0"] */
  readonly ingressIpv4Cidrs?: string[];
  /** IPv6 CIDRs allowed to reach port 443. @default [] */
  readonly ingressIpv6Cidrs?: string[];
  /** Refuse deletion of the ALB through the API (Terraform destroy fails until turned off). @default false */
  readonly deletionProtection?: boolean;
  /** Access logs (one line per request). @default none */
  readonly accessLogs?: AlbLogDestination;
  /** Connection logs: one line per TLS connection, with the mTLS handshake result. @default none */
  readonly connectionLogs?: AlbLogDestination;
  /** Resources the ALB must wait for, e.g. the log bucket's policy. @default [] */
  readonly dependsOn?: ITerraformDependable[];
  /** ARN of a WAFv2 web ACL (REGIONAL) to associate with the ALB. @default none */
  readonly webAclArn?: string;
  /** Route53 hosted zone in which `domain` gets an alias record to the ALB. */
  readonly zoneName: string;
  /** The origin domain, e.g. `myapp.aws.example.com`. */
  readonly domain: string;
  /** TLS policy of the listener. @default "ELBSecurityPolicy-TLS13-1-2-2021-06" */
  readonly sslPolicy?: string;
  /**
   * The security group allows no egress except what `allowEgressTo` adds (the targets' security
   * groups on their ports; Lambda targets need none), and every rule carries a description.
   * @default false: all egress allowed, rules without descriptions (the reference's)
   */
  readonly strictSecurityGroup?: boolean;
  /**
   * Major version of the AWS provider the stack uses. On 6, mode `off` writes no
   * `mutual_authentication` block (the listener's default): AWS 6 refuses every argument but
   * `mode` outside `verify`, and an `off` block has been reported to fail its plan
   * (hashicorp/terraform-provider-aws#43251). @default 5
   */
  readonly awsProvider?: 5 | 6;
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
  /** The origin domain's alias record. */
  readonly originRecord: Route53Record;
  /** ARN of the ALB (reference output `alb_arn`). */
  readonly albArn: string;
  /** DNS name of the ALB (reference output `alb_dns_name`). */
  readonly albDnsName: string;
  /** ARN of the HTTPS listener (reference output `https_listener_arn`). */
  readonly httpsListenerArn: string;
  /** The mode the listener was configured with. */
  readonly mutualTlsMode: MutualTlsMode;
  /** ID of the VPC the ALB is in (its first subnet's): where instance and IP targets must be. */
  readonly vpcId: string;
  private readonly strict: boolean;
  private readonly egress: SecurityGroupEgress[] = [];

  constructor(scope: Construct, id: string, props: AlbProps) {
    super(scope, id);
    const mode = props.mutualTlsMode ?? "verify";
    this.validate(mode, props);
    this.strict = props.strictSecurityGroup ?? false;

    const network = this.lookUpNetwork(props);
    this.securityGroup = this.addSecurityGroup(props, network.vpcId);
    this.loadBalancer = this.addLoadBalancer(props, network.subnetIds);
    this.listener = this.addHttpsListener(props, mode);
    if (props.webAclArn !== undefined) {
      new Wafv2WebAclAssociation(this, "web_acl", { resourceArn: this.loadBalancer.arn, webAclArn: props.webAclArn });
    }
    this.originRecord = new Route53Record(this, "origin_record", {
      zoneId: network.hostedZoneId,
      name: props.domain,
      type: "A",
      alias: {
        evaluateTargetHealth: false,
        name: this.loadBalancer.dnsName,
        zoneId: this.loadBalancer.zoneId,
      },
    });

    this.vpcId = network.vpcId;
    this.albArn = this.loadBalancer.arn;
    this.mutualTlsMode = mode;
    this.albDnsName = this.loadBalancer.dnsName;
    this.httpsListenerArn = this.listener.arn;
  }

  /** The subnets by `Name` tag, the VPC of the first, and the Route53 hosted zone. */
  private lookUpNetwork(props: AlbProps): { subnetIds: string[]; vpcId: string; hostedZoneId: string } {
    const subnets = new DataAwsSubnets(this, "subnets", {
      filter: [{ name: "tag:Name", values: props.subnetNames }],
    });
    const firstSubnet = new DataAwsSubnet(this, "first_subnet", {
      // `ids[0]`, as the reference writes it (propertyAccess would render the legacy `ids.0`).
      id: `\${${subnets.fqn}.ids[0]}`,
    });
    const vpc = new DataAwsVpc(this, "vpc", { id: firstSubnet.vpcId });
    const zone = new DataAwsRoute53Zone(this, "zone", { name: props.zoneName });
    return { subnetIds: subnets.ids, vpcId: vpc.id, hostedZoneId: zone.zoneId };
  }

  private addSecurityGroup(props: AlbProps, vpcId: string): SecurityGroup {
    return new SecurityGroup(this, "security_group", {
      name: `${props.name}-sg`,
      vpcId,
      description: `SG for ${props.name}`,
      ingress: [
        {
          fromPort: 443,
          toPort: 443,
          protocol: "TCP",
          cidrBlocks: props.ingressIpv4Cidrs ?? ["0.0.0.0/0"],
          ipv6CidrBlocks: props.ingressIpv6Cidrs,
          description: this.strict ? "HTTPS from the allowed sources" : undefined,
        },
      ],
      egress: this.strict ? [] : [{ fromPort: 0, toPort: 0, protocol: "-1", cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
      tags: { Name: `${props.name}-sg` },
    });
  }

  private addLoadBalancer(props: AlbProps, subnetIds: string[]): Lb {
    return new Lb(this, "lb", {
      name: props.name,
      internal: false,
      loadBalancerType: "application",
      desyncMitigationMode: "defensive",
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection ?? false,
      enableCrossZoneLoadBalancing: true,
      enableHttp2: true,
      idleTimeout: 60,
      ipAddressType: "ipv4",
      securityGroups: [this.securityGroup.id],
      subnets: subnetIds,
      accessLogs: props.accessLogs && { ...props.accessLogs, enabled: true },
      connectionLogs: props.connectionLogs && { ...props.connectionLogs, enabled: true },
      dependsOn: props.dependsOn,
    });
  }

  /** HTTPS with the client-certificate mode; 404 unless a rule matches. */
  private addHttpsListener(props: AlbProps, mode: MutualTlsMode): LbListener {
    return new LbListener(this, "https", {
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
      mutualAuthentication: mode === "off" && props.awsProvider === 6 ? undefined : {
        mode,
        trustStoreArn: props.trustStoreArn,
        ignoreClientCertificateExpiry: props.ignoreClientCertificateExpiry,
        advertiseTrustStoreCaNames:
          props.advertiseTrustStoreCaNames === undefined ? undefined : props.advertiseTrustStoreCaNames ? "on" : "off",
      },
    });
  }

  /**
   * With `strictSecurityGroup`: lets the ALB open connections to `securityGroupId` on `port` (an
   * instance or IP target's group); without it, egress is open already and nothing is added.
   */
  allowEgressTo(securityGroupId: string, port: number, description: string): void {
    if (!this.strict) return;
    this.egress.push({ fromPort: port, toPort: port, protocol: "tcp", securityGroups: [securityGroupId], description });
    this.securityGroup.putEgress([...this.egress]);
  }

  /** The AWS provider 5.x accepts these combinations at plan time and fails at apply: refuse them here. */
  private validate(mode: MutualTlsMode, props: AlbProps): void {
    checkProp(this, "name", props.name, rules.albName);
    checkEach(this, "ingressIpv4Cidrs", props.ingressIpv4Cidrs, rules.cidr);
    checkEach(this, "ingressIpv6Cidrs", props.ingressIpv6Cidrs, rules.cidr);
    checkProp(this, "webAclArn", props.webAclArn, rules.wafWebAclArn);
    if (!(MUTUAL_TLS_MODES as readonly string[]).includes(mode)) {
      throw new PropsError(this, "mutualTlsMode", `must be "verify", "passthrough" or "off", got ${JSON.stringify(mode)}`);
    }
    if (mode === "verify" && props.trustStoreArn === undefined) {
      throw new PropsError(this, "trustStoreArn", 'is required when mutualTlsMode is "verify"');
    }
    if (mode !== "verify") {
      for (const prop of ["trustStoreArn", ...VERIFY_ONLY_OPTIONS] as const) {
        if (props[prop] !== undefined) {
          throw new PropsError(this, prop, `applies to mutualTlsMode "verify" only; it is ${JSON.stringify(mode)} here`);
        }
      }
    }
  }
}
