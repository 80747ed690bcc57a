import { resolve } from "node:path";
import { Construct } from "constructs";
import { AssetType, TerraformAsset } from "cdktf";
import { DataArchiveFile } from "@cdktf/provider-archive/lib/data-archive-file";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { PropsError, checkProp, fileProblem, isLiteral } from "./errors";
import { BundleError, NodejsBundle, bundleNodejsEntry } from "./nodejs-bundle";
import { filesBase } from "./project-paths";
import { LOG_RETENTION_DAYS, RESERVED_LAMBDA_ENVIRONMENT, rules } from "./rules";

/** The instruction set architectures Lambda runs functions on. */
export const LAMBDA_ARCHITECTURES = ["arm64", "x86_64"] as const;
export type LambdaArchitecture = (typeof LAMBDA_ARCHITECTURES)[number];

export interface LambdaBackendProps {
  /** Function name. Also names the IAM role (`<name>-role`) and the log group (`/aws/lambda/<name>`). */
  readonly functionName: string;
  /**
   * The built handler file (an ES module such as `.build/functions/echo/index.mjs`), absolute or
   * relative to `cdktf.json`. It is copied into the synthesized stack folder and zipped by the
   * `archive_file` data source at plan time, so the stack folder is self-contained.
   * Give this or `entry`.
   */
  readonly handlerFile?: string;
  /**
   * Your handler's source (TypeScript or JavaScript), bundled at synth by esbuild into one
   * minified ES module with its dependencies (see `nodejs-bundle.ts`; cached, byte-identical on
   * every machine), absolute or relative to `cdktf.json`'s folder. Give this or `handlerFile`.
   */
  readonly entry?: string;
  /** With `entry`: the folder whose node_modules the dependencies come from. @default the nearest folder above the entry with a package.json */
  readonly projectRoot?: string;
  /** @default "index.handler" */
  readonly handler?: string;
  /** @default "nodejs22.x" */
  readonly runtime?: string;
  /** @default "arm64" */
  readonly architecture?: LambdaArchitecture;
  /** @default 128 */
  readonly memorySize?: number;
  /** Seconds. @default 3 */
  readonly timeout?: number;
  /** One of CloudWatch Logs' retention periods (1, 3, 5, 7, 14, 30, 60, 90, …, 3653). @default 14 */
  readonly logRetentionDays?: number;
  /** Environment variables of the function (4 KB in all, an AWS limit). @default none */
  readonly environment?: Record<string, string>;
  /** ARN of a KMS key that encrypts the log group (its policy must let CloudWatch Logs use it; see LogsKmsKey). @default CloudWatch Logs' own encryption */
  readonly logKmsKeyArn?: string;
  /**
   * Concurrent executions reserved for the function: a cap, so a flood of requests cannot use the
   * account's whole concurrency, and a floor for this function; apply fails if it would leave the
   * account under 100 unreserved. @default none (unreserved pool)
   */
  readonly reservedConcurrency?: number;
  /** X-Ray active tracing (adds the `AWSXRayDaemonWriteAccess` policy to the role). @default false */
  readonly tracing?: boolean;
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
  /** With `entry`: the bundle, with every file it was made from. */
  readonly bundle?: NodejsBundle;
  private readonly environment: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: LambdaBackendProps) {
    super(scope, id);
    checkProp(this, "functionName", props.functionName, rules.lambdaFunctionName);
    checkProp(this, "functionName", `${props.functionName}-role`, { ...rules.iamRoleName, allowed: `short enough for the role "<name>-role": ${rules.iamRoleName.allowed}` });
    this.validate(props);
    if (props.entry !== undefined) {
      const base = filesBase(this);
      const missing = fileProblem(props.entry, base);
      if (missing) throw new PropsError(this, "entry", missing);
      try {
        this.bundle = bundleNodejsEntry({ entry: resolve(base, props.entry), projectRoot: props.projectRoot, runtime: props.runtime });
      } catch (e) {
        if (e instanceof BundleError) throw new PropsError(this, "entry", e.message);
        throw e;
      }
    }
    const handlerFile = this.bundle?.file ?? props.handlerFile!;

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

    const handlerAsset = new TerraformAsset(this, "handler", { path: handlerFile, type: AssetType.FILE });
    const archive = new DataArchiveFile(this, "archive", {
      type: "zip",
      sourceFile: `\${path.module}/${handlerAsset.path}`,
      outputPath: "${path.module}/lambda_handler.zip",
    });

    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays ?? 14,
      kmsKeyId: props.logKmsKeyArn,
    });
    if (props.tracing) {
      new IamRolePolicyAttachment(this, "xray_write", {
        policyArn: "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
        role: this.role.name,
      });
    }

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
      environment: props.environment && { variables: Object.assign(this.environment, props.environment) },
      reservedConcurrentExecutions: props.reservedConcurrency,
      tracingConfig: props.tracing ? { mode: "Active" } : undefined,
      // The reference keeps an empty ignore_changes list (source_code_hash commented out).
      lifecycle: { ignoreChanges: [] },
    });

    this.functionArn = this.function.arn;
    this.functionName = this.function.functionName;
    this.invokeArn = this.function.invokeArn;
  }

  /**
   * Adds environment variables after construction, e.g. the gate's configuration, which refers to
   * an Access application made after the function (`gateEnvironment`). A name given twice is refused.
   */
  addEnvironment(variables: Record<string, string>): void {
    for (const name of Object.keys(variables)) {
      if (name in this.environment) throw new PropsError(this, "environment", `${JSON.stringify(name)} is set twice; it is reserved for the gate here, choose another name`);
    }
    Object.assign(this.environment, variables);
    this.function.putEnvironment({ variables: { ...this.environment } });
  }

  private validate(props: LambdaBackendProps): void {
    if ((props.handlerFile === undefined) === (props.entry === undefined)) {
      throw new PropsError(this, "entry", "or handlerFile: give exactly one (your source to bundle, or a built file)");
    }
    const range = (prop: "memorySize" | "timeout" | "reservedConcurrency", min: number, max: number) =>
      checkProp(this, prop, props[prop], { allowed: `a whole number from ${min} to ${max}`, test: (v: number) => Number.isInteger(v) && v >= min && v <= max });
    range("memorySize", 128, 10240);
    range("timeout", 1, 900);
    range("reservedConcurrency", 1, 10000);
    checkProp(this, "runtime", props.runtime, { allowed: "a Node.js runtime such as nodejs22.x", test: (v: string) => /^nodejs[0-9]+\.x$/.test(v) });
    checkProp(this, "logRetentionDays", props.logRetentionDays, {
      allowed: `one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}`,
      test: (v: number) => (LOG_RETENTION_DAYS as readonly number[]).includes(v),
    });
    if (props.environment && isLiteral(props.environment)) {
      for (const name of Object.keys(props.environment)) {
        checkProp(this, "environment", name, rules.environmentName);
        if ((RESERVED_LAMBDA_ENVIRONMENT as readonly string[]).includes(name)) {
          throw new PropsError(this, "environment", `${JSON.stringify(name)} is reserved by Lambda; choose another name`);
        }
      }
    }
  }
}
