/**
 * The props of AlbMtlsStack, as plain typed data: a cdktf.json `stacks` entry is the same object
 * written in JSON. One module for the types that the stack, its checks (alb-mtls-stack-checks.ts)
 * and the cdktf.json parser (config.ts) share, so none of them imports another for a type.
 */
import type { MutualTlsMode } from "../constructs/alb";
import type { LambdaArchitecture } from "../constructs/lambda-backend";
import type { AccessConfig, ServiceTokenConfig } from "../constructs/cloudflare/access-rules";
import type { HttpTargetProps } from "../constructs/targets/http-target";
import type { LambdaNodejsRuntime, ProviderTrack } from "./provider-tracks";

export type { AccessConfig, AccessRuleConfig, ServiceTokenConfig } from "../constructs/cloudflare/access-rules";

/** The reference's root inputs (omitted → Terraform variable). */
export interface StackInputs {
  /** Prefix of every name (variable `base_name`). */
  readonly baseName?: string;
  /** `Name` tags of the ALB's subnets (variable `subnets`). */
  readonly subnets?: string[];
  /** Route53 hosted zone name (variable `host_zone_name`). */
  readonly hostZoneName?: string;
  /** Cloudflare zone name (variable `cloudflare_zone_name`). */
  readonly cloudflareZoneName?: string;
  /** Cloudflare account ID (variable `cloudflare_account_id`). */
  readonly cloudflareAccountId?: string;
  /** E-mail addresses Access lets in (variable `access_allowed_email`). */
  readonly accessAllowedEmail?: string[];
  /** AWS region of the provider. Not a variable in the reference. @default "ap-northeast-1" */
  readonly region?: string;
}

/** How the listener handles client certificates (`Alb`'s `mutualTlsMode`). */
export type MtlsMode = MutualTlsMode;

export interface MtlsOptions {
  /** @default "verify" */
  readonly mode?: MtlsMode;
  /** Verify only: accept expired client certificates. */
  readonly ignoreClientCertificateExpiry?: boolean;
  /** Verify only: advertise the trust store's CA names in the handshake. */
  readonly advertiseTrustStoreCaNames?: boolean;
  /** Verify only, with `certificates`: CRL files attached to the trust store. */
  readonly revocationLists?: string[];
  /** Pass-through only: the backend accepts only these subjects (ALB format `CN=…,O=…`). */
  readonly allowedSubjects?: string[];
  /** Pass-through only: the backend accepts only these serial numbers (hex). */
  readonly allowedSerials?: string[];
}

/** Bring your own CA and client certificate: Terraform generates no private key. */
export interface CertificateOptions {
  /** PEM file of the CA certificates client certificates chain to (public certificates only). */
  readonly caBundleFile: string;
  /** ID of an origin-pull certificate already uploaded to Cloudflare (no key through Terraform). */
  readonly originPullCertificateId?: string;
  /** Or: the client certificate (PEM file) Terraform uploads to Cloudflare… */
  readonly originPullCertificateFile?: string;
  /** …with its private key (PEM file; it ends up in the state through the Cloudflare provider). */
  readonly originPullPrivateKeyFile?: string;
}

/**
 * Certificates that never take the site down (docs/certificates.md): the generated client
 * certificate renews on a routine apply with no gap at Cloudflare, the CA rotates by generation,
 * and every plan warns before anything expires.
 */
export interface CertificateLifecycleOptions {
  /**
   * Hours before its expiry from which a plan replaces the generated client certificate (the TLS
   * provider's `early_renewal_hours`); less than its lifetime, 17520. @default 5840: renewed at two thirds of its life
   */
  readonly clientRenewalHours?: number;
  /** Days before an expiry from which every plan warns (Terraform `check` blocks). @default 30 */
  readonly warningDays?: number;
  /** Generated CA only: the generation that signs the client certificate. @default 1 (the first CA, at the reference's addresses) */
  readonly caGeneration?: number;
  /** Generated CA only: the generations the trust store trusts; includes `caGeneration`. @default [caGeneration] */
  readonly trustedCaGenerations?: number[];
  /** A certificate given by ID only: when it expires (RFC 3339), for the plan's warning; the stack cannot read it. @default no warning */
  readonly originPullCertificateExpiresAt?: string;
}

/** CloudWatch alarms on the mTLS path (docs/certificates.md#alarms). */
export interface AlarmOptions {
  /** The SNS topic the alarms notify. @default a topic `<base>-alarms` the stack makes */
  readonly snsTopicArn?: string;
}

export type BackendOptions =
  | { readonly type: "local"; readonly path?: string }
  | {
      readonly type: "s3";
      readonly bucket: string;
      readonly key: string;
      readonly region: string;
      readonly useLockfile?: boolean;
      readonly dynamodbTable?: string;
      readonly encrypt?: boolean;
      readonly kmsKeyId?: string;
    }
  | {
      readonly type: "cloud";
      readonly organization: string;
      readonly workspace?: string;
      readonly workspaceTags?: string[];
      readonly project?: string;
      readonly hostname?: string;
    };

/** An application's own Lambda function, bundled from your source (see docs/applications.md). */
export interface LambdaApplicationTarget {
  /** Your handler's source file (.ts, .mts, .js, .mjs, .cjs), relative to cdktf.json's folder. */
  readonly entry: string;
  /** `index.<exported function>`. @default "index.handler" */
  readonly handler?: string;
  /** `nodejs24.x` on the AWS 6 tracks only ("aws-current", "current"; it needs the AWS provider 6.19+). @default "nodejs22.x" */
  readonly runtime?: LambdaNodejsRuntime;
  /** @default "arm64" */
  readonly architecture?: LambdaArchitecture;
  /** MB, 128–10240. @default 128 */
  readonly memorySize?: number;
  /** Seconds, 1–900. @default 3 */
  readonly timeout?: number;
  /** Environment variables (not the gate's or Lambda's reserved names). @default none */
  readonly environment?: Record<string, string>;
  /** One of CloudWatch Logs' retention periods. @default 14 */
  readonly logRetentionDays?: number;
}

/** Instances or IPs in the ALB's VPC: HttpTarget's props without what the stack wires (VPC, ALB security group, names). */
export type HttpApplicationTarget = Pick<HttpTargetProps, "targetType" | "port" | "protocol" | "targets" | "healthCheck" | "securityGroupId">;

/** One application behind the gate; exactly one of `lambda`, `lambdaArn` or `http`. */
export interface ApplicationConfig {
  /** One DNS label in the Cloudflare zone (`greeter`, not `greeter.eu`): `<hostname>.<cloudflare zone>`; also the Access application's name. @default the application's key */
  readonly hostname?: string;
  /** @default the stack's accessAllowedEmail */
  readonly accessAllowedEmail?: string[];
  /** @default the stack's accessAllowedEmailDomains */
  readonly accessAllowedEmailDomains?: string[];
  /** @default the stack's accessSessionDuration */
  readonly accessSessionDuration?: string;
  /**
   * Who gets in (docs/access.md): allow / require / exclude rules, service tokens, identity
   * providers; instead of accessAllowedEmail / accessAllowedEmailDomains.
   * @default the stack's `access`, or the e-mails when it has none
   */
  readonly access?: AccessConfig;
  /** Path patterns forwarded to this application (at most 4), each starting with `/` (or a `*` wildcard), e.g. `/wiki/*`. @default all paths */
  readonly pathPatterns?: string[];
  /** Listener rule priority. @default 100 + 10 × the application's position in the config */
  readonly priority?: number;
  /** @default "<base>-<key>" */
  readonly targetGroupName?: string;
  /** Your Lambda code, bundled by the project. */
  readonly lambda?: LambdaApplicationTarget;
  /** An existing function's ARN: the stack adds only the target group, invoke permission and attachment. */
  readonly lambdaArn?: string;
  /** Instances or IPs in the ALB's VPC. */
  readonly http?: HttpApplicationTarget;
  /**
   * The target verifies the client certificate itself (pass-through mode): required there for
   * `lambdaArn` and `http` targets, and for a `lambda` entry that does not use `withGate`. @default false
   */
  readonly verifiesClientCertificate?: boolean;
}

/**
 * The two configuration steps of the move from providers "reference" to "current"
 * (docs/provider-tracks.md): "forget" on a Cloudflare 4.52.0 track, then "import" on "current".
 */
export type TrackSwitchStep = "forget" | "import";

export interface StackOptions {
  /**
   * Tags the AWS provider puts on every AWS resource of the stack (its `default_tags`), over the
   * defaults: `{ "Project": "payments-gate" }` names your project instead of the reference's;
   * other keys are added. @default { Project: "alb-mtls-test", Terraform: "true" }
   */
  readonly tags?: Record<string, string>;
  /** First label of the application hostname (`<name>.<cloudflare zone>`) and the Access application's name. @default "alb-mtls-test" */
  readonly applicationName?: string;
  /** Name of the Lambda target group (unique per account and region). @default "lambda-target" */
  readonly targetGroupName?: string;
  /** E-mail domains Access lets in (the reference module's `email_domain_list`). @default [] */
  readonly accessAllowedEmailDomains?: string[];
  /** Access session length. @default "72h" */
  readonly accessSessionDuration?: string;
  /**
   * Who gets in (docs/access.md): allow / require / exclude rules, service tokens and identity
   * providers, for the single default application and for every application without its own;
   * instead of accessAllowedEmail / accessAllowedEmailDomains. @default the e-mails
   */
  readonly access?: AccessConfig;
  /**
   * Service tokens the stack makes, by name (Cloudflare name `<baseName>-<name>`), for machines
   * that pass Access without a login where an `access.serviceTokens` names them. Outputs
   * `service_tokens` (client ID, expiry) and `service_token_client_secrets` (sensitive). @default none
   */
  readonly serviceTokens?: Record<string, ServiceTokenConfig>;
  /** The listener's client-certificate handling. @default { mode: "verify" } */
  readonly mtls?: MtlsOptions;
  /** Bring your own CA and client certificate. @default generated by Terraform, as in the reference */
  readonly certificates?: CertificateOptions;
  /**
   * Renewal without a gap, CA rotation by generation and expiry warnings in every plan
   * (CertificateLifecycleOptions); `true` takes the defaults. @default off: the reference's (a
   * renewal re-creates each hostname's origin-pull setting, a gap with no client certificate)
   */
  readonly certificateLifecycle?: boolean | CertificateLifecycleOptions;
  /** CloudWatch alarms for what a broken certificate or gate produces; `true` makes the SNS topic. @default none */
  readonly alarms?: true | AlarmOptions;
  /** Verify the Cloudflare Access JWT at the origin; `true` takes the team domain from the variable `access_team_domain`. @default off */
  readonly accessJwt?: true | { readonly teamDomain: string };
  /** ALB ingress only from Cloudflare's published IP ranges. @default false (0.0.0.0/0) */
  readonly originLockdown?: boolean;
  /** Block public access, encrypt, version and require TLS on the trust-store bucket. @default false */
  readonly secureBuckets?: boolean;
  /** ALB access and connection logs to a locked-down bucket `<base>-alb-logs`. @default false */
  readonly albLogs?: boolean | { readonly retentionDays?: number };
  /** WAFv2 web ACL (REGIONAL) to associate with the ALB; `true` takes it from the variable `waf_web_acl_arn`. @default none */
  readonly wafWebAclArn?: true | string;
  /** ALB deletion protection. @default false */
  readonly deletionProtection?: boolean;
  /** Retention of the functions' log groups (an application's `logRetentionDays` wins). @default 14 (the reference's) */
  readonly logRetentionDays?: number;
  /** Encrypt the functions' log groups with a KMS key: `true` makes one (`alias/<base>-logs`, rotated yearly), or give a key ARN. @default CloudWatch Logs' own encryption */
  readonly logsKmsKey?: true | string;
  /** Concurrent executions reserved for each function of the stack. @default none */
  readonly lambdaReservedConcurrency?: number;
  /** X-Ray active tracing on each function of the stack. @default false */
  readonly lambdaTracing?: boolean;
  /** ACLs disabled on every bucket (BucketOwnerEnforced), lifecycle housekeeping (incomplete uploads aborted after 7 days, old versions of the trust store's objects deleted after 90). @default false */
  readonly bucketControls?: boolean;
  /** S3 server access logs of the trust-store and ALB-log buckets to a bucket `<base>-s3-access-logs` (objects deleted after `retentionDays`, default 365). @default false */
  readonly bucketAccessLogs?: boolean | { readonly retentionDays?: number };
  /** The ALB's security group: egress only to http targets' security groups, every rule described. @default false (all egress) */
  readonly strictSecurityGroups?: boolean;
  /** `validation` blocks on the Terraform variables, same rules as synth. @default false */
  readonly variableValidation?: boolean;
  /** Where the state lives. @default { type: "local" } */
  readonly backend?: BackendOptions;
  /** Emit `moved` blocks from the reference HCL's addresses, to take over its state. @default false */
  readonly adoptReference?: boolean;
  /**
   * The provider versions the stack is written for (docs/provider-tracks.md): "reference" (AWS
   * `~> 5.0`, Cloudflare 4.52.0), "current" (AWS `~> 6.0`, Cloudflare `~> 5.14.0`, v5 resources) or
   * "aws-current" (AWS `~> 6.0` with Cloudflare 4.52.0: the AWS step of the move). @default "reference"
   */
  readonly providers?: ProviderTrack;
  /**
   * The two configuration steps of the move from providers "reference" to "current"
   * (docs/provider-tracks.md): "forget" (on "reference" or "aws-current": the Cloudflare v4
   * entries leave the state through `removed` blocks, the objects stay) and then "import" (on
   * "current": `import` blocks with the IDs `npm run track-switch` wrote). Remove it after each
   * apply. @default none
   */
  readonly switchFromReferenceTrack?: TrackSwitchStep;
  /**
   * Your applications, keyed by name, on one ALB, listener and trust store, each on its own
   * hostname. @default none: the reference's single echo (or guard) application
   */
  readonly applications?: Record<string, ApplicationConfig>;
}

export interface StackConfig extends StackInputs, StackOptions {}

export interface AlbMtlsStackProps extends StackConfig {
  /**
   * The built handlers of the single default application, absolute or relative to cdktf.json's
   * folder. @default the project's builds, `.build/functions/echo/index.mjs` and
   * `.build/functions/guard/index.mjs` (made by scripts/build.mjs: `npm ci` and the app runner run it)
   */
  readonly handlers?: {
    /** The reference's echo backend. */
    readonly echo: string;
    /** The verifying backend for pass-through mode and Access JWT checks. */
    readonly guard: string;
  };
}
