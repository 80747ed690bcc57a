import { Construct } from "constructs";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import { checkProp } from "./errors";
import { rules } from "./rules";

export interface AlbTargetProps {
  /** Name of the Lambda function the ALB may invoke. */
  readonly functionName: string;
  /** ARN of that function (the target). */
  readonly functionArn: string;
  /** ARN of the HTTPS listener that gets the forwarding rule. */
  readonly listenerArn: string;
  /** Path pattern of the rule, e.g. `/*`. */
  readonly pathPattern: string;
  /** Rule priority, 1–50000, unique on the listener. */
  readonly priority: number;
  /** Name of the target group. @default "lambda-target" */
  readonly targetGroupName?: string;
}

/**
 * Puts a Lambda function behind the ALB (reference module `alb_target`): a `lambda` target group,
 * the permission for Elastic Load Balancing to invoke the function, the attachment (created after
 * the permission, or AWS rejects it) and a path-pattern listener rule that forwards to it.
 */
export class AlbTarget extends Construct {
  readonly targetGroup: LbTargetGroup;
  readonly rule: LbListenerRule;
  readonly permission: LambdaPermission;
  readonly attachment: LbTargetGroupAttachment;
  /** ARN of the target group (reference output `target_group_arn`). */
  readonly targetGroupArn: string;
  /** Name of the target group (reference output `target_group_name`). */
  readonly targetGroupName: string;
  /** ARN of the listener rule (reference output `listener_rule_arn`). */
  readonly listenerRuleArn: string;

  constructor(scope: Construct, id: string, props: AlbTargetProps) {
    super(scope, id);
    checkProp(this, "priority", props.priority, rules.listenerPriority);
    checkProp(this, "targetGroupName", props.targetGroupName, rules.targetGroupName);

    this.targetGroup = new LbTargetGroup(this, "target_group", {
      name: props.targetGroupName ?? "lambda-target",
      targetType: "lambda",
    });
    const permission = (this.permission = new LambdaPermission(this, "invoke_permission", {
      statementId: "AllowALBInvoke",
      action: "lambda:InvokeFunction",
      functionName: props.functionName,
      principal: "elasticloadbalancing.amazonaws.com",
      sourceArn: this.targetGroup.arn,
    }));
    this.attachment = new LbTargetGroupAttachment(this, "attachment", {
      targetGroupArn: this.targetGroup.arn,
      targetId: props.functionArn,
      dependsOn: [permission],
    });
    this.rule = new LbListenerRule(this, "rule", {
      listenerArn: props.listenerArn,
      priority: props.priority,
      action: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
      condition: [{ pathPattern: { values: [props.pathPattern] } }],
    });

    this.targetGroupArn = this.targetGroup.arn;
    this.targetGroupName = this.targetGroup.name;
    this.listenerRuleArn = this.rule.arn;
  }
}
