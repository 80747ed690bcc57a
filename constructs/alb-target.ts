import { Construct } from "constructs";
import type { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { LbListenerRule, type LbListenerRuleCondition } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import type { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import { PropsError, checkEach, checkProp, isLiteral } from "./errors";
import { rules } from "./rules";
import { LambdaTarget } from "./targets/lambda-target";
import type { AlbEgress, IAlbTarget } from "./targets/target-kind";

export type { AlbEgress, AttachedTargets, IAlbTarget, TargetGroupSettings } from "./targets/target-kind";

export interface AlbTargetProps {
  /** ARN of the HTTPS listener that gets the forwarding rule. */
  readonly listenerArn: string;
  /**
   * What the target group forwards to: a `LambdaTarget` or an `HttpTarget`. Give this, or
   * `functionName` + `functionArn` (the reference module's inputs, the same as a LambdaTarget).
   */
  readonly target?: IAlbTarget;
  /** Name of the Lambda function (reference input; use `target` for other kinds). */
  readonly functionName?: string;
  /** ARN of that function (reference input). */
  readonly functionArn?: string;
  /** Path pattern of the rule, starting with `/` (or a `*` wildcard), e.g. `/*` (the reference module's single pattern). */
  readonly pathPattern?: string;
  /** Path patterns of the rule, each starting with `/` (or a `*` wildcard); at most 5 condition values in all, host headers included. @default all paths */
  readonly pathPatterns?: string[];
  /** Host headers the rule matches, e.g. `["app.example.com"]`. @default any host */
  readonly hostHeaders?: string[];
  /** Rule priority, 1–50000, unique on the listener. */
  readonly priority: number;
  /** Name of the target group (unique per account and region). @default "lambda-target" for a Lambda target; required for the other kinds */
  readonly targetGroupName?: string;
}

/**
 * Puts a target behind the ALB (reference module `alb_target`): a target group, the target's
 * registration (for Lambda: the invoke permission, then the attachment) and a listener rule that
 * forwards the matching host headers and path patterns to the group.
 */
export class AlbTarget extends Construct {
  readonly targetGroup: LbTargetGroup;
  readonly rule: LbListenerRule;
  /** The invoke permission, for a Lambda target. */
  readonly permission?: LambdaPermission;
  /** The first attachment (the reference's single one), if any target was registered. */
  readonly attachment?: LbTargetGroupAttachment;
  /** Every attachment, in the order of the targets. */
  readonly attachments: LbTargetGroupAttachment[];
  /** Where the ALB must be able to connect to reach the targets (give it to `Alb.allowEgressTo`); none for Lambda targets. */
  readonly albEgress?: AlbEgress;
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
    checkEach(this, "pathPatterns", props.pathPatterns, rules.pathPattern);
    checkProp(this, "pathPattern", props.pathPattern, rules.pathPattern);
    const target = this.targetOf(props);
    const conditions = this.conditionsOf(props);
    if (props.targetGroupName === undefined && target.targetType !== "lambda") {
      throw new PropsError(this, "targetGroupName", `is required for a target of type "${target.targetType}" (the default "lambda-target" names the reference's Lambda target group)`);
    }

    this.targetGroup = new LbTargetGroup(this, "target_group", {
      name: props.targetGroupName ?? "lambda-target",
      targetType: target.targetType,
      ...target.targetGroupSettings,
    });
    const attached = target.attachTo(this, this.targetGroup);
    this.permission = attached.permission;
    this.attachments = attached.attachments;
    this.attachment = attached.attachments[0];
    this.albEgress = attached.albEgress;
    this.rule = new LbListenerRule(this, "rule", {
      listenerArn: props.listenerArn,
      priority: props.priority,
      action: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
      condition: conditions,
    });

    this.targetGroupArn = this.targetGroup.arn;
    this.targetGroupName = this.targetGroup.name;
    this.listenerRuleArn = this.rule.arn;
  }

  private targetOf(props: AlbTargetProps): IAlbTarget {
    const lambdaProps = props.functionName !== undefined || props.functionArn !== undefined;
    if (props.target && lambdaProps) {
      throw new PropsError(this, "target", "excludes functionName and functionArn: give one or the other");
    }
    if (props.target) return props.target;
    if (props.functionName === undefined || props.functionArn === undefined) {
      throw new PropsError(this, "target", "is required (or functionName and functionArn, for a Lambda function)");
    }
    return new LambdaTarget({ functionName: props.functionName, functionArn: props.functionArn });
  }

  /** Host headers first, then path patterns, as AWS lists them; the reference has one path pattern. */
  private conditionsOf(props: AlbTargetProps): LbListenerRuleCondition[] {
    if (props.pathPattern !== undefined && props.pathPatterns !== undefined) {
      throw new PropsError(this, "pathPattern", "excludes pathPatterns: give one or the other");
    }
    const paths = props.pathPatterns ?? (props.pathPattern === undefined ? [] : [props.pathPattern]);
    const hosts = props.hostHeaders ?? [];
    const conditions: LbListenerRuleCondition[] = [];
    if (hosts.length > 0) conditions.push({ hostHeader: { values: hosts } });
    if (paths.length > 0) conditions.push({ pathPattern: { values: paths } });
    if (conditions.length === 0) {
      throw new PropsError(this, "hostHeaders", "and pathPatterns are both empty: a listener rule needs at least one condition");
    }
    if (isLiteral(hosts) && isLiteral(paths) && hosts.length + paths.length > 5) {
      throw new PropsError(this, "pathPatterns", `and hostHeaders hold ${hosts.length + paths.length} values; a listener rule takes at most 5 condition values`);
    }
    return conditions;
  }
}
