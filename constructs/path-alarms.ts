import { Construct } from "constructs";
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";

/** A function on the path: its name (the `FunctionName` dimension) and its log group (the gate's refusals). */
export interface AlarmedFunction {
  readonly functionName: string;
  readonly logGroupName: string;
}

export interface PathAlarmsProps {
  /** Prefix of the alarms' and the topic's names, e.g. the stack's base name. */
  readonly namePrefix: string;
  /** The ALB's ARN suffix (`app/<name>/<id>`): the `LoadBalancer` dimension. */
  readonly loadBalancerArnSuffix: string;
  /** The path's Lambda functions. @default none */
  readonly functions?: AlarmedFunction[];
  /** The SNS topic the alarms notify (on alarm and on recovery). @default a topic `<namePrefix>-alarms` */
  readonly snsTopicArn?: string;
}

/** The gate's log line for a refused request (functions/lib/gate.ts: `{"message":"request refused",…}`). */
export const GATE_REFUSAL_PATTERN = '"request refused"';
/** The custom namespace of the gate's refusals (metric `<namePrefix>-gate-refusals`, one per stack). */
export const GATE_REFUSALS_NAMESPACE = "AlbMtls/Gate";

interface AlarmSpec {
  readonly id: string;
  readonly description: string;
  readonly namespace: string;
  readonly metric: string;
  readonly dimensions?: Record<string, string>;
  /** Sum over 5 minutes at or above which the alarm fires. */
  readonly threshold: number;
}

/**
 * CloudWatch alarms for what a broken certificate or gate produces on the path, each a Sum over
 * 5 minutes, missing data not breaching (the ALB publishes only while requests flow). Metric names
 * from the AWS documentation ("CloudWatch metrics for your Application Load Balancer", "Types of
 * metrics for Lambda functions"); the gate's refusals through a metric filter on each function's log.
 *
 * - `AWS/ApplicationELB` `ClientTLSNegotiationErrorCount` ≥ 10: handshakes that failed, among them
 *   a client certificate that is missing, expired or not trusted (verify mode).
 * - `AWS/ApplicationELB` `HTTPCode_Target_5XX_Count` ≥ 5 and `HTTPCode_ELB_5XX_Count` ≥ 5 (a Lambda
 *   target that fails to run shows as a 502 from the ALB).
 * - `AWS/Lambda` `Errors` ≥ 1 and `Throttles` ≥ 1 per function.
 * - `AlbMtls/Gate` `<namePrefix>-gate-refusals` ≥ 10: the gate's "request refused" lines (certificate or Access JWT refused).
 */
export class PathAlarms extends Construct {
  readonly topic?: SnsTopic;
  /** The topic the alarms notify. */
  readonly snsTopicArn: string;
  readonly alarms: CloudwatchMetricAlarm[] = [];
  readonly refusalFilters: CloudwatchLogMetricFilter[] = [];

  constructor(scope: Construct, id: string, props: PathAlarmsProps) {
    super(scope, id);
    this.topic = props.snsTopicArn === undefined ? new SnsTopic(this, "topic", { name: `${props.namePrefix}-alarms` }) : undefined;
    this.snsTopicArn = props.snsTopicArn ?? this.topic!.arn;
    const lb = { LoadBalancer: props.loadBalancerArnSuffix };
    const refusals = `${props.namePrefix}-gate-refusals`;
    const specs: AlarmSpec[] = [
      { id: "client_tls_errors", description: "Client TLS handshakes failed at the ALB (a missing, expired or untrusted client certificate among them)", namespace: "AWS/ApplicationELB", metric: "ClientTLSNegotiationErrorCount", dimensions: lb, threshold: 10 },
      { id: "target_5xx", description: "The targets answered 5xx", namespace: "AWS/ApplicationELB", metric: "HTTPCode_Target_5XX_Count", dimensions: lb, threshold: 5 },
      { id: "elb_5xx", description: "The ALB answered 5xx itself (a Lambda target that failed to run: 502)", namespace: "AWS/ApplicationELB", metric: "HTTPCode_ELB_5XX_Count", dimensions: lb, threshold: 5 },
    ];
    (props.functions ?? []).forEach((fn, i) => {
      const dims = { FunctionName: fn.functionName };
      specs.push(
        { id: `function_${i}_errors`, description: `Invocations of ${fn.functionName} ended in an error`, namespace: "AWS/Lambda", metric: "Errors", dimensions: dims, threshold: 1 },
        { id: `function_${i}_throttles`, description: `Invocations of ${fn.functionName} were throttled`, namespace: "AWS/Lambda", metric: "Throttles", dimensions: dims, threshold: 1 },
      );
      this.refusalFilters.push(
        new CloudwatchLogMetricFilter(this, `function_${i}_refusals`, {
          name: `${fn.functionName}-gate-refusals`,
          logGroupName: fn.logGroupName,
          pattern: GATE_REFUSAL_PATTERN,
          metricTransformation: { namespace: GATE_REFUSALS_NAMESPACE, name: refusals, value: "1", defaultValue: "0" },
        }),
      );
    });
    if (this.refusalFilters.length > 0) {
      specs.push({ id: "gate_refusals", description: "The gate refused requests (client certificate or Access JWT)", namespace: GATE_REFUSALS_NAMESPACE, metric: refusals, threshold: 10 });
    }
    for (const s of specs) {
      this.alarms.push(
        new CloudwatchMetricAlarm(this, s.id, {
          alarmName: `${props.namePrefix}-${s.id.replaceAll("_", "-")}`,
          alarmDescription: s.description,
          namespace: s.namespace,
          metricName: s.metric,
          dimensions: s.dimensions,
          statistic: "Sum",
          period: 300,
          evaluationPeriods: 1,
          threshold: s.threshold,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          treatMissingData: "notBreaching",
          alarmActions: [this.snsTopicArn],
          okActions: [this.snsTopicArn],
          // The filters' metric exists once a filter does.
          dependsOn: s.namespace === GATE_REFUSALS_NAMESPACE ? this.refusalFilters : undefined,
        }),
      );
    }
  }
}
