import type { Construct } from "constructs";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import type { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import type { AttachedTargets, IAlbTarget } from "./target-kind";

export interface LambdaTargetProps {
  /** Name (or unqualified ARN) of the function the ALB may invoke. */
  readonly functionName: string;
  /** ARN of the function, optionally with a version or alias (`…:function:name:live`): the registered target. */
  readonly functionArn: string;
  /** Version or alias the permission is for, when `functionArn` is qualified. @default none */
  readonly qualifier?: string;
}

/**
 * A Lambda function as the target: a `lambda` target group, the permission for Elastic Load
 * Balancing to invoke the function from that group only, and the attachment, created after the
 * permission (AWS refuses the attachment before it). Works for a function of the stack
 * (`LambdaBackend`) and for an existing one, by ARN.
 */
export class LambdaTarget implements IAlbTarget {
  readonly targetType = "lambda";

  /** An existing function by ARN (`arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`). */
  static fromFunctionArn(functionArn: string): LambdaTarget {
    const [, , , , , , name, qualifier] = functionArn.split(":");
    const unqualified = functionArn.split(":").slice(0, 7).join(":");
    return new LambdaTarget({ functionName: name === undefined ? functionArn : unqualified, functionArn, qualifier });
  }

  constructor(private readonly props: LambdaTargetProps) {}

  attachTo(scope: Construct, targetGroup: LbTargetGroup): AttachedTargets {
    const permission = new LambdaPermission(scope, "invoke_permission", {
      statementId: "AllowALBInvoke",
      action: "lambda:InvokeFunction",
      functionName: this.props.functionName,
      qualifier: this.props.qualifier,
      principal: "elasticloadbalancing.amazonaws.com",
      sourceArn: targetGroup.arn,
    });
    const attachment = new LbTargetGroupAttachment(scope, "attachment", {
      targetGroupArn: targetGroup.arn,
      targetId: this.props.functionArn,
      dependsOn: [permission],
    });
    return { attachments: [attachment], permission };
  }
}
