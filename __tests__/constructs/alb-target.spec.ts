import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { AlbTarget } from "../../constructs/alb-target";
import { only, ref, synth } from "../helpers";

const props = {
  functionName: "demo-function",
  functionArn: "arn:aws:lambda:ap-northeast-1:111122223333:function:demo-function",
  listenerArn: "arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:listener/app/demo/1/2",
  pathPattern: "/*",
  priority: 100,
};

describe("AlbTarget", () => {
  const { text, json } = synth((s) => new AlbTarget(s, "alb_target", props));

  it("creates a lambda target group named lambda-target by default", () => {
    expect(text).toHaveResourceWithProperties(LbTargetGroup, { name: "lambda-target", target_type: "lambda" });
  });

  it("lets Elastic Load Balancing invoke the function, from this target group only", () => {
    expect(text).toHaveResourceWithProperties(LambdaPermission, {
      statement_id: "AllowALBInvoke",
      action: "lambda:InvokeFunction",
      function_name: "demo-function",
      principal: "elasticloadbalancing.amazonaws.com",
      source_arn: ref(json, "aws_lb_target_group", "arn"),
    });
  });

  it("attaches the function after the permission exists", () => {
    expect(only(json, "aws_lb_target_group_attachment").body).toMatchObject({
      target_group_arn: ref(json, "aws_lb_target_group", "arn"),
      target_id: props.functionArn,
      depends_on: [`aws_lambda_permission.${only(json, "aws_lambda_permission").name}`],
    });
  });

  it("forwards the path pattern to the target group at the given priority", () => {
    expect(only(json, "aws_lb_listener_rule").body).toMatchObject({
      listener_arn: props.listenerArn,
      priority: 100,
      action: [{ type: "forward", target_group_arn: ref(json, "aws_lb_target_group", "arn") }],
      condition: [{ path_pattern: { values: ["/*"] } }],
    });
  });

  it("takes another target group name, path and priority", () => {
    const { json: j } = synth((s) => new AlbTarget(s, "t", { ...props, targetGroupName: "api", pathPattern: "/api/*", priority: 7 }));
    expect(only(j, "aws_lb_target_group").body.name).toBe("api");
    expect(only(j, "aws_lb_listener_rule").body).toMatchObject({ priority: 7, condition: [{ path_pattern: { values: ["/api/*"] } }] });
  });

  it("checks the priority and the target group name, naming the prop", () => {
    expect(() => synth((s) => new AlbTarget(s, "t", { ...props, priority: 0 }))).toThrow('test/t: priority 0 must be a whole number from 1 to 50000');
    expect(() => synth((s) => new AlbTarget(s, "t", { ...props, priority: 50001 }))).toThrow(/priority 50001 must be/);
    expect(() => synth((s) => new AlbTarget(s, "t", { ...props, targetGroupName: "lambda_target" }))).toThrow(/test\/t: targetGroupName "lambda_target" must be 1–32 characters/);
  });
});
