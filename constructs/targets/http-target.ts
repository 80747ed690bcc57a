import type { Construct } from "constructs";
import type { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { AttachedTargets, IAlbTarget, TargetGroupSettings } from "./target-kind";

/** How the ALB checks that a target is healthy (AWS defaults where a field is left out). */
export interface HealthCheck {
  /** Path requested. @default "/" */
  readonly path?: string;
  /** HTTP codes that count as healthy: `200`, `200-299`, `200,302`. @default "200" */
  readonly matcher?: string;
  /** Seconds between checks, 5–300. @default 30 (AWS) */
  readonly intervalSeconds?: number;
  /** Seconds without an answer that fail a check, 2–120, less than the interval. @default 5 (AWS) */
  readonly timeoutSeconds?: number;
  /** Successes in a row before a target is healthy, 2–10. @default 5 (AWS) */
  readonly healthyThreshold?: number;
  /** Failures in a row before a target is unhealthy, 2–10. @default 2 (AWS) */
  readonly unhealthyThreshold?: number;
}

/** What an HttpTarget registers: instance IDs or IP addresses. */
export const HTTP_TARGET_TYPES = ["instance", "ip"] as const;
/** Protocols from the ALB to an HttpTarget. */
export const HTTP_TARGET_PROTOCOLS = ["HTTP", "HTTPS"] as const;

export interface HttpTargetProps {
  /** `instance`: EC2 instance IDs (EC2, ECS on EC2 with bridge networking); `ip`: private IPv4 addresses (ECS awsvpc/Fargate, on-premises over VPN). */
  readonly targetType: (typeof HTTP_TARGET_TYPES)[number];
  /** Port the targets listen on, 1–65535. */
  readonly port: number;
  /** Protocol from the ALB to the targets (the ALB does not verify a target's certificate). @default "HTTP" */
  readonly protocol?: (typeof HTTP_TARGET_PROTOCOLS)[number];
  /** VPC of the ALB (`Alb.vpcId`): the targets must be reachable from it. */
  readonly vpcId: string;
  /** Security group of the ALB (`Alb.securityGroup.id`): the only source allowed to reach the targets' port. */
  readonly albSecurityGroupId: string;
  /** Instance IDs or IPs to register. @default none (something else registers them, e.g. an ECS service) */
  readonly targets?: string[];
  /** @default path "/", matcher "200", the rest AWS's defaults */
  readonly healthCheck?: HealthCheck;
  /**
   * Security group of the targets that gets the ingress rule from the ALB. @default a new security
   * group `<name>` with only that rule, to attach to the instances or tasks (`securityGroupId`)
   */
  readonly securityGroupId?: string;
  /** Name of the security group made when `securityGroupId` is not given. */
  readonly securityGroupName: string;
}

/**
 * Instances or IP addresses in the ALB's VPC, over HTTP or HTTPS: the target group's port,
 * protocol and health check, one attachment per target (keyed by the target, so adding or removing
 * one never touches the others), and one ingress rule that lets the ALB's security group, and
 * nothing else, reach the targets' port.
 */
export class HttpTarget implements IAlbTarget {
  readonly targetType: HttpTargetProps["targetType"];
  readonly targetGroupSettings: TargetGroupSettings;
  /** Port the targets listen on. */
  readonly port: number;
  /** The security group made for the targets, when none was given. */
  securityGroup?: SecurityGroup;
  /** ID of the security group that lets the ALB in (given or made); available after attachTo. */
  securityGroupId?: string;

  constructor(private readonly props: HttpTargetProps) {
    this.targetType = props.targetType;
    this.port = props.port;
    const hc = props.healthCheck ?? {};
    this.targetGroupSettings = {
      port: props.port,
      protocol: props.protocol ?? "HTTP",
      vpcId: props.vpcId,
      healthCheck: {
        enabled: true,
        path: hc.path ?? "/",
        matcher: hc.matcher ?? "200",
        interval: hc.intervalSeconds,
        timeout: hc.timeoutSeconds,
        healthyThreshold: hc.healthyThreshold,
        unhealthyThreshold: hc.unhealthyThreshold,
      },
    };
  }

  attachTo(scope: Construct, targetGroup: LbTargetGroup): AttachedTargets {
    const { port, targets = [] } = this.props;
    if (this.props.securityGroupId === undefined) {
      this.securityGroup = new SecurityGroup(scope, "targets_security_group", {
        name: this.props.securityGroupName,
        vpcId: this.props.vpcId,
        description: `Lets the ALB reach ${this.props.securityGroupName} on port ${port}; attach to the targets`,
        tags: { Name: this.props.securityGroupName },
      });
    }
    this.securityGroupId = this.props.securityGroupId ?? this.securityGroup!.id;
    new VpcSecurityGroupIngressRule(scope, "from_alb", {
      securityGroupId: this.securityGroupId,
      referencedSecurityGroupId: this.props.albSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description: "From the ALB only",
    });
    const attachments = targets.map(
      (target) =>
        new LbTargetGroupAttachment(scope, `target_${target.replace(/[^A-Za-z0-9-]/g, "_")}`, {
          targetGroupArn: targetGroup.arn,
          targetId: target,
          port,
        }),
    );
    return { attachments, albEgress: { securityGroupId: this.securityGroupId, port } };
  }
}
