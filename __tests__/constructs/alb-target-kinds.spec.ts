import { AlbTarget } from "../../constructs/alb-target";
import { HttpTarget } from "../../constructs/targets/http-target";
import { LambdaTarget } from "../../constructs/targets/lambda-target";
import { only, synth } from "../helpers";

const listenerArn = "arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:listener/app/demo/1/2";
const http = (extra: Partial<ConstructorParameters<typeof HttpTarget>[0]> = {}) =>
  new HttpTarget({ targetType: "ip", port: 8080, vpcId: "vpc-1", albSecurityGroupId: "sg-alb", securityGroupName: "demo-targets", ...extra });

describe("AlbTarget with a target kind", () => {
  it("takes an HttpTarget: the group's port, protocol, VPC and health check come from the kind", () => {
    const { json } = synth((s) => new AlbTarget(s, "t", { listenerArn, target: http({ targets: ["10.0.0.5"] }), hostHeaders: ["wiki.example.com"], priority: 5, targetGroupName: "wiki" }));
    expect(only(json, "aws_lb_target_group").body).toMatchObject({ name: "wiki", target_type: "ip", port: 8080, protocol: "HTTP", vpc_id: "vpc-1" });
    expect(only(json, "aws_lb_listener_rule").body.condition).toEqual([{ host_header: { values: ["wiki.example.com"] } }]);
    expect(only(json, "aws_lb_target_group_attachment").body).toMatchObject({ target_id: "10.0.0.5", port: 8080 });
  });

  it("says where the ALB must connect for an HttpTarget (its targets' security group and port), and nothing for a Lambda target", () => {
    let made: AlbTarget[] = [];
    synth((s) => {
      made = [
        new AlbTarget(s, "given", { listenerArn, target: http({ securityGroupId: "sg-targets" }), pathPatterns: ["/*"], priority: 5, targetGroupName: "given" }),
        new AlbTarget(s, "fn", { listenerArn, target: LambdaTarget.fromFunctionArn("arn:aws:lambda:ap-northeast-1:111122223333:function:fn"), pathPatterns: ["/*"], priority: 6 }),
      ];
    });
    expect(made[0].albEgress).toEqual({ securityGroupId: "sg-targets", port: 8080 });
    expect(made[1].albEgress).toBeUndefined();
  });

  it("takes an existing function by ARN", () => {
    const target = LambdaTarget.fromFunctionArn("arn:aws:lambda:ap-northeast-1:111122223333:function:fn");
    const { json } = synth((s) => new AlbTarget(s, "t", { listenerArn, target, pathPatterns: ["/*"], priority: 5 }));
    expect(only(json, "aws_lambda_permission").body).toMatchObject({ function_name: "arn:aws:lambda:ap-northeast-1:111122223333:function:fn" });
    expect(only(json, "aws_lambda_permission").body.qualifier).toBeUndefined();
  });

  it("names the offending prop", () => {
    const base = { listenerArn, priority: 5 };
    expect(() => synth((s) => new AlbTarget(s, "t", { ...base, target: http(), pathPatterns: ["/*"] }))).toThrow(
      'test/t: targetGroupName is required for a target of type "ip" (the default "lambda-target" names the reference\'s Lambda target group)',
    );
    expect(() => synth((s) => new AlbTarget(s, "t", { ...base, pathPatterns: ["/*"] }))).toThrow(
      "test/t: target is required (or functionName and functionArn, for a Lambda function)",
    );
    expect(() => synth((s) => new AlbTarget(s, "t", { ...base, target: http(), functionName: "f", functionArn: "a", pathPatterns: ["/*"] }))).toThrow(
      "test/t: target excludes functionName and functionArn: give one or the other",
    );
    expect(() => synth((s) => new AlbTarget(s, "t", { ...base, target: http() }))).toThrow(
      "test/t: hostHeaders and pathPatterns are both empty: a listener rule needs at least one condition",
    );
    expect(() => synth((s) => new AlbTarget(s, "t", { ...base, target: http(), hostHeaders: ["a.example.com"], pathPatterns: ["/1", "/2", "/3", "/4", "/5"] }))).toThrow(
      "test/t: pathPatterns and hostHeaders hold 6 values; a listener rule takes at most 5 condition values",
    );
    expect(() => synth((s) => new AlbTarget(s, "t", { ...base, target: http(), pathPatterns: ["/a b"] }))).toThrow(/test\/t: pathPatterns\[0\] "\/a b" must be a path pattern/);
    expect(() => synth((s) => new AlbTarget(s, "t", { ...base, target: http(), pathPattern: "/*", pathPatterns: ["/*"] }))).toThrow(
      "test/t: pathPattern excludes pathPatterns: give one or the other",
    );
  });
});
