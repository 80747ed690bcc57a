import { Construct } from "constructs";
import { AssetType, TerraformAsset } from "cdktf";
import { DataArchiveFile } from "@cdktf/provider-archive/lib/data-archive-file";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { checkProp } from "./errors";
import { rules } from "./rules";

export interface LambdaBackendProps {
  /** Function name. Also names the IAM role (`<name>-role`) and the log group (`/aws/lambda/<name>`). */
  readonly functionName: string;
  /**
   * The built handler file (an ES module such as `.build/functions/echo/index.mjs`), absolute or
   * relative to `cdktf.json`. It is copied into the synthesized stack folder and zipped by the
   * `archive_file` data source at plan time, so the stack folder is self-contained.
   */
  readonly handlerFile: string;
  /** @default "index.handler" */
  readonly handler?: string;
  /** @default "nodejs22.x" */
  readonly runtime?: string;
  /** @default "arm64" */
  readonly architecture?: "arm64" | "x86_64";
  /** @default 128 */
  readonly memorySize?: number;
  /** Seconds. @default 3 */
  readonly timeout?: number;
  /** @default 14 */
  readonly logRetentionDays?: number;
  /** Environment variables of the function (4 KB in all, an AWS limit). @default none */
  readonly environment?: Record<string, string>;
}

/**
 * The Lambda backend behind the ALB (reference module `lambda`): IAM role with basic execution,
 * JSON logging to its own log group, the handler packaged by `archive_file`.
 */
export class LambdaBackend extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly basicExecution: IamRolePolicyAttachment;
  /** ARN of the function (reference output `function_arn`). */
  readonly functionArn: string;
  /** Name of the function (reference output `function_name`). */
  readonly functionName: string;
  /** Invoke ARN of the function (reference output `function_invoke_arn`). */
  readonly invokeArn: string;

  constructor(scope: Construct, id: string, props: LambdaBackendProps) {
    super(scope, id);
    checkProp(this, "functionName", props.functionName, rules.lambdaFunctionName);
    checkProp(this, "functionName", `${props.functionName}-role`, { ...rules.iamRoleName, allowed: `short enough for the role "<name>-role": ${rules.iamRoleName.allowed}` });

    const assumeRole = new DataAwsIamPolicyDocument(this, "assume_role", {
      statement: [
        {
          effect: "Allow",
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }],
        },
      ],
    });
    this.role = new IamRole(this, "role", {
      name: `${props.functionName}-role`,
      assumeRolePolicy: assumeRole.json,
    });
    this.basicExecution = new IamRolePolicyAttachment(this, "basic_execution", {
      policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      role: this.role.name,
    });

    const handlerAsset = new TerraformAsset(this, "handler", { path: props.handlerFile, type: AssetType.FILE });
    const archive = new DataArchiveFile(this, "archive", {
      type: "zip",
      sourceFile: `\${path.module}/${handlerAsset.path}`,
      outputPath: "${path.module}/lambda_handler.zip",
    });

    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays ?? 14,
    });

    this.function = new LambdaFunction(this, "function", {
      filename: archive.outputPath,
      functionName: props.functionName,
      role: this.role.arn,
      handler: props.handler ?? "index.handler",
      sourceCodeHash: archive.outputBase64Sha256,
      runtime: props.runtime ?? "nodejs22.x",
      architectures: [props.architecture ?? "arm64"],
      memorySize: props.memorySize ?? 128,
      timeout: props.timeout ?? 3,
      packageType: "Zip",
      loggingConfig: { logGroup: this.logGroup.id, logFormat: "JSON" },
      environment: props.environment && { variables: props.environment },
      // The reference keeps an empty ignore_changes list (source_code_hash commented out).
      lifecycle: { ignoreChanges: [] },
    });

    this.functionArn = this.function.arn;
    this.functionName = this.function.functionName;
    this.invokeArn = this.function.invokeArn;
  }
}
