import type { Construct } from "constructs";
import type { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import type { LbTargetGroup, LbTargetGroupConfig } from "@cdktf/provider-aws/lib/lb-target-group";
import type { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";

/** What a target kind adds to its target group: everything but the name and the target type. */
export type TargetGroupSettings = Omit<LbTargetGroupConfig, "name" | "namePrefix" | "targetType">;

/** The resources a target kind made to register its targets with the group. */
export interface AttachedTargets {
  /** One attachment per registered target, in the order given (none when targets register themselves, e.g. an ECS service). */
  readonly attachments: LbTargetGroupAttachment[];
  /** The permission for Elastic Load Balancing to invoke a Lambda target. */
  readonly permission?: LambdaPermission;
  /** Where the ALB must be able to connect (`Alb.allowEgressTo`): the targets' security group and port. @default none (Lambda targets) */
  readonly albEgress?: AlbEgress;
}

/** A security group and port the ALB opens connections to. */
export interface AlbEgress {
  readonly securityGroupId: string;
  readonly port: number;
}

/**
 * A kind of target behind the ALB, as in the AWS CDK's `aws-elasticloadbalancingv2-targets`: each
 * kind is a small class (`LambdaTarget`, `HttpTarget`) that says what its target group needs and
 * registers its targets. `AlbTarget` makes the group and the listener rule for any kind.
 */
export interface IAlbTarget {
  /** `target_type` of the target group. */
  readonly targetType: "lambda" | "instance" | "ip";
  /** Settings of the target group this kind needs (port, protocol, VPC, health check). @default none */
  readonly targetGroupSettings?: TargetGroupSettings;
  /** Registers the targets with `targetGroup`; called once, with the AlbTarget as `scope`. */
  attachTo(scope: Construct, targetGroup: LbTargetGroup): AttachedTargets;
}
