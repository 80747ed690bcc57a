/**
 * `alarms` (docs/certificates.md#alarms): CloudWatch alarms on the metrics AWS documents for the
 * ALB ("CloudWatch metrics for your Application Load Balancer") and Lambda ("Types of metrics for
 * Lambda functions"), and a metric filter on the gate's "request refused" log lines.
 */
import type { AlbMtlsStackProps } from "../../stacks/alb-mtls-stack";
import { GATE_REFUSAL_PATTERN } from "../../constructs/path-alarms";
import { TfJson, synthStack as synthAny } from "../helpers";

const synthStack = (props: AlbMtlsStackProps, name?: string) => synthAny(props, name) as TfJson;
const alarms = (json: TfJson) => Object.values(json.resource.aws_cloudwatch_metric_alarm ?? {});
const metric = (a: Record<string, any>) => `${a.namespace} ${a.metric_name} ${Object.keys(a.dimensions ?? {}).join(",")}`;

describe("alarms", () => {
  it("none by default", () => {
    expect(synthStack({}).resource.aws_cloudwatch_metric_alarm).toBeUndefined();
  });

  it("true: a topic, the ALB's TLS and 5xx alarms, the function's errors and throttles, the gate's refusals", () => {
    const json = synthStack({ alarms: true, accessJwt: { teamDomain: "acme.cloudflareaccess.com" } });
    expect(alarms(json).map(metric).sort()).toEqual([
      "AWS/ApplicationELB ClientTLSNegotiationErrorCount LoadBalancer",
      "AWS/ApplicationELB HTTPCode_ELB_5XX_Count LoadBalancer",
      "AWS/ApplicationELB HTTPCode_Target_5XX_Count LoadBalancer",
      "AWS/Lambda Errors FunctionName",
      "AWS/Lambda Throttles FunctionName",
      "AlbMtls/Gate ${var.base_name}-gate-refusals ",
    ]);
    const topic = "${aws_sns_topic.alarms_topic.arn}";
    for (const a of alarms(json)) {
      expect(a).toMatchObject({ statistic: "Sum", period: 300, treat_missing_data: "notBreaching", alarm_actions: [topic], ok_actions: [topic] });
    }
    const tls = alarms(json).find((a) => a.metric_name === "ClientTLSNegotiationErrorCount")!;
    expect(tls.dimensions).toEqual({ LoadBalancer: "${aws_lb.alb_lb.arn_suffix}" });
    const filter = Object.values(json.resource.aws_cloudwatch_log_metric_filter)[0];
    expect(filter).toMatchObject({ pattern: GATE_REFUSAL_PATTERN, log_group_name: "${aws_cloudwatch_log_group.lambda_logs.name}" });
  });

  it("your topic, and one pair of function alarms per application function", () => {
    const json = synthStack(
      {
        alarms: { snsTopicArn: "arn:aws:sns:ap-northeast-1:111122223333:oncall" },
        applications: { hello: { lambda: { entry: "examples/apps/hello/index.ts" } }, legacy: { lambdaArn: "arn:aws:lambda:ap-northeast-1:111122223333:function:legacy" } },
      },
      "apps",
    );
    expect(json.resource.aws_sns_topic).toBeUndefined();
    expect(alarms(json).filter((a) => a.namespace === "AWS/Lambda")).toHaveLength(2);
    for (const a of alarms(json)) expect(a.alarm_actions).toEqual(["arn:aws:sns:ap-northeast-1:111122223333:oncall"]);
  });
});
