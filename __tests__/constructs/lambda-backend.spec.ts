import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaBackend } from "../../constructs/lambda-backend";
import { only, ref, synth } from "../helpers";

const handlerFile = ".build/functions/echo/index.mjs";

describe("LambdaBackend", () => {
  const { text, json } = synth((s) => new LambdaBackend(s, "lambda", { functionName: "demo-function", handlerFile }));

  it("creates the function with the reference's runtime settings", () => {
    expect(text).toHaveResourceWithProperties(LambdaFunction, {
      function_name: "demo-function",
      handler: "index.handler",
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      memory_size: 128,
      timeout: 3,
      package_type: "Zip",
    });
  });

  it("names the role and log group after the function and logs JSON to that group", () => {
    const role = only(json, "aws_iam_role").body;
    expect(role.name).toBe("demo-function-role");
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/lambda/demo-function", retention_in_days: 14 });
    const fn = only(json, "aws_lambda_function").body;
    expect(fn.role).toBe(ref(json, "aws_iam_role", "arn"));
    expect(fn.logging_config).toEqual({ log_group: ref(json, "aws_cloudwatch_log_group", "id"), log_format: "JSON" });
    expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      role: ref(json, "aws_iam_role", "name"),
    });
  });

  it("lets only the Lambda service assume the role", () => {
    const doc = only(json, "aws_iam_policy_document", "data").body;
    expect(doc.statement).toEqual([
      { effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }] },
    ]);
    expect(only(json, "aws_iam_role").body.assume_role_policy).toBe(ref(json, "aws_iam_policy_document", "json", "data"));
  });

  it("packages the handler copied into the stack folder, by relative path, and deploys that zip", () => {
    const archive = only(json, "archive_file", "data").body;
    expect(archive.type).toBe("zip");
    expect(archive.source_file).toMatch(/^\$\{path\.module\}\/assets\/lambda_handler\/[0-9A-F]{32}\/index\.mjs$/);
    expect(archive.output_path).toBe("${path.module}/lambda_handler.zip");
    const fn = only(json, "aws_lambda_function").body;
    expect(fn.filename).toBe(ref(json, "archive_file", "output_path", "data"));
    expect(fn.source_code_hash).toBe(ref(json, "archive_file", "output_base64sha256", "data"));
  });

  it("takes overrides for runtime settings", () => {
    const custom = synth(
      (s) =>
        new LambdaBackend(s, "lambda", {
          functionName: "f",
          handlerFile,
          architecture: "x86_64",
          memorySize: 256,
          timeout: 10,
          logRetentionDays: 30,
        }),
    ).json;
    const fn = only(custom, "aws_lambda_function").body;
    expect([fn.architectures, fn.memory_size, fn.timeout]).toEqual([["x86_64"], 256, 10]);
    expect(only(custom, "aws_cloudwatch_log_group").body.retention_in_days).toBe(30);
  });

  it("exposes the reference module's outputs as references to the function", () => {
    let backend!: LambdaBackend;
    const { json: j } = synth((s) => {
      backend = new LambdaBackend(s, "lambda", { functionName: "f", handlerFile });
      new CloudwatchLogGroup(s, "probe", { name: backend.functionArn, namePrefix: backend.invokeArn, kmsKeyId: backend.functionName });
    });
    const probe = j.resource.aws_cloudwatch_log_group.probe;
    expect(probe.name).toBe(ref(j, "aws_lambda_function", "arn"));
    expect(probe.name_prefix).toBe(ref(j, "aws_lambda_function", "invoke_arn"));
    expect(probe.kms_key_id).toBe(ref(j, "aws_lambda_function", "function_name"));
  });

  it("checks the function name and the role name derived from it", () => {
    expect(() => synth((s) => new LambdaBackend(s, "l", { functionName: "my.function", handlerFile }))).toThrow(/test\/l: functionName "my\.function" must be 1–64 characters/);
    expect(() => synth((s) => new LambdaBackend(s, "l", { functionName: "f".repeat(60), handlerFile }))).toThrow(/short enough for the role "<name>-role"/);
  });
});
