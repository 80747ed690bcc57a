import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { Construct } from "constructs";
import {
  Annotations,
  CloudBackend,
  Fn,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  TaggedCloudWorkspaces,
  TerraformOutput,
  type TerraformResource,
  type TerraformStack,
} from "cdktf";
import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import type { LbTrustStore } from "@cdktf/provider-aws/lib/lb-trust-store";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { Alb } from "../constructs/alb";
import { AccessLogBucket } from "../constructs/access-log-bucket";
import { AlbLogBucket } from "../constructs/alb-log-bucket";
import { bucketControls } from "../constructs/bucket-controls";
import { AlbTarget } from "../constructs/alb-target";
import { Cert } from "../constructs/cert";
import { ClientCert } from "../constructs/client-cert";
import { CloudflareAccess, type CloudflareAccessProps } from "../constructs/cloudflare/access";
import { type AccessConfig, toAccessRule } from "../constructs/cloudflare/access-rules";
import { CloudflareServiceToken } from "../constructs/cloudflare/service-token";
import { cloudflareMapping } from "../constructs/cloudflare/majors";
import type { CloudflareIpRanges, CloudflareMapping } from "../constructs/cloudflare/mapping";
import { CloudflareZone } from "../constructs/cloudflare/zone";
import { LambdaBackend, type LambdaBackendProps } from "../constructs/lambda-backend";
import { LogsKmsKey } from "../constructs/logs-kms-key";
import { PathAlarms } from "../constructs/path-alarms";
import { TrustStore } from "../constructs/trust-store";
import { PropsError } from "../constructs/errors";
import { findProjectRoot } from "../constructs/nodejs-bundle";
import { filesBase } from "../constructs/project-paths";
import { GateApplication } from "../constructs/gate-application";
import { type GateSettings, gateEnvironment } from "../constructs/gate-environment";
import { HttpTarget } from "../constructs/targets/http-target";
import { LambdaTarget } from "../constructs/targets/lambda-target";
import type { IAlbTarget } from "../constructs/targets/target-kind";
import type { AlbMtlsStackProps, ApplicationConfig, BackendOptions, CertificateLifecycleOptions, MtlsMode } from "./stack-props";
import { DEFAULT_CLIENT_RENEWAL_HOURS, addExpiryChecks, certificateLifecycle } from "./certificate-lifecycle";
import { stackPropsProblems } from "./alb-mtls-stack-checks";
import { applicationAccess } from "./access-checks";
import { NODEJS_24_AWS_PIN, type ProviderTrack, TRACK_PROVIDERS, trackMajors } from "./provider-tracks";
import { REFERENCE_ADDRESSES, REFERENCE_REMOVED } from "./reference-adoption";
import { type ForgetStep, forgetCloudflareResources, trackSwitchImports } from "./reference-track-switch";
import { ReadableStack } from "./readable-stack";
import { type Inputs, inputVariables } from "./variables";

export type { AlbMtlsStackProps } from "./stack-props";

/** The project's built handlers (scripts/build.mjs), found from this module: stacks/ in the sources, .build/ in the app bundle. */
function builtHandlers(): NonNullable<AlbMtlsStackProps["handlers"]> {
  const build = join(findProjectRoot(__dirname), ".build", "functions");
  return { echo: join(build, "echo", "index.mjs"), guard: join(build, "guard", "index.mjs") };
}

/** What every AWS resource of a stack is tagged with (the reference's), unless `tags` says otherwise. */
const DEFAULT_TAGS = { Project: "alb-mtls-test", Terraform: "true" };

/** The gate module, as esbuild records it in a bundle's inputs: a bundle without it does not check. */
const GATE_MODULE = "functions/lib/gate.ts";

/** What every function of a stack gets (StackOptions: logRetentionDays, logsKmsKey, lambda*). */
type FunctionDefaults = Pick<LambdaBackendProps, "logRetentionDays" | "logKmsKeyArn" | "reservedConcurrency" | "tracing">;

/** The reference's locals: every name derived from the root inputs. */
interface ReferenceNames {
  readonly baseName: string;
  readonly hostZoneName: string;
  readonly cloudflareZoneName: string;
  readonly functionName: string;
  readonly albName: string;
  /** The origin domain (the ALB's alias record). */
  readonly domain: string;
  readonly trustStoreName: string;
  readonly trustStoreBucketName: string;
  readonly applicationName: string;
  /** The hostname users open (the single default application). */
  readonly cloudflareDomain: string;
}

function referenceNames(input: Inputs, props: AlbMtlsStackProps): ReferenceNames {
  const { baseName, hostZoneName, cloudflareZoneName } = input;
  const applicationName = props.applicationName ?? "alb-mtls-test";
  return {
    baseName,
    hostZoneName,
    cloudflareZoneName,
    functionName: `${baseName}-function`,
    albName: `${baseName}-alb`,
    domain: `${baseName}.${hostZoneName}`,
    trustStoreName: `${baseName}-mtls`,
    trustStoreBucketName: `${baseName}-mtls-bucket`,
    applicationName,
    cloudflareDomain: `${applicationName}.${cloudflareZoneName}`,
  };
}

/** How Cloudflare presents the client certificate: files Terraform uploads, or a certificate uploaded already. */
interface OriginPull {
  readonly clientCertificatePem?: string;
  readonly clientPrivateKeyPem?: string;
  readonly originPullCertificateId?: string;
}

/** What the PKI step made: the trust store's parts, and what Cloudflare and the gate need of the certificates. */
interface Pki {
  readonly clientCert?: ClientCert;
  readonly bucket: S3Bucket;
  readonly bundleObject: S3Object;
  readonly trustStore: LbTrustStore;
  readonly caBundlePem: string;
  readonly originPull: OriginPull;
}

interface ApplicationContext {
  readonly baseName: string;
  readonly functionDefaults: FunctionDefaults;
  readonly cloudflareZoneName: string;
  readonly originDomain: string;
  readonly stackAccess: { emails: string[]; emailDomains?: string[]; sessionDuration?: string; access?: AccessConfig };
  readonly gate: (audience: string, serviceTokens?: string[]) => GateSettings;
  readonly cloudflare: CloudflareMapping;
}

function missingGateRefusal(entry: string, env: Record<string, string>): string {
  const checks = [env.MTLS_VERIFY && "the client certificate (pass-through mode)", env.ACCESS_AUD && "the Access JWT (accessJwt)"].filter(Boolean).join(" and ");
  return (
    `the stack configures the gate to check ${checks}, but the bundle of ${entry} does not use it, so nothing would check. ` +
    `Wrap your handler: import { withGate } from "alb-mtls-cdktf/gate"; export const handler = withGate(async (event) => …)`
  );
}

/** The given keys of an object, those that are defined. */
function pick<T extends object, K extends keyof T>(value: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]])) as Pick<T, K>;
}

/** A project path as Terraform sees it from its working directory, cdktf.out/stacks/<name>/. */
function relativeToStackFolder(path: string): string {
  return isAbsolute(path) ? path : `../../../${path}`;
}

/**
 * The reference's Terraform version and a track's provider pins (default the reference's), for
 * any stack of this project; `versions` replaces the version constraint of some providers.
 */
export function pinProviders(stack: TerraformStack, track: ProviderTrack = "reference", versions: Readonly<Record<string, string>> = {}): void {
  stack.addOverride("terraform.required_version", ">= 1.11.0");
  for (const [provider, pin] of Object.entries(TRACK_PROVIDERS[track])) {
    stack.addOverride(`terraform.required_providers.${provider}`, versions[provider] ? { ...pin, version: versions[provider] } : pin);
  }
}

/**
 * The reference deployment's root module: browser → Cloudflare (proxied DNS + Access) → client
 * certificate (Authenticated Origin Pulls) → ALB with mutual TLS → Lambda, plus the production
 * options of StackOptions. With no options its resources are exactly the reference's.
 *
 * Each root input is a literal when the props give it, else a Terraform variable with the
 * reference's name, type, sensitivity and default. The Cloudflare API token is always a sensitive
 * variable.
 *
 * The constructor runs named steps in a fixed order (the order decides the JSON's): Terraform
 * settings, providers, PKI, Cloudflare zone, the reference application's Access and function,
 * certificate, log buckets, ALB, the reference's target or the applications, outputs, migrations.
 */
export class AlbMtlsStack extends ReadableStack {
  /** The reference's echo (or guard) function; absent with `applications`. */
  readonly lambda?: LambdaBackend;
  readonly cert: Cert;
  /** The generated CA and client certificate; absent when `certificates` brings your own. */
  readonly clientCert?: ClientCert;
  readonly trustStoreBucket: S3Bucket;
  readonly trustStoreBundleObject: S3Object;
  readonly trustStore: LbTrustStore;
  readonly alb: Alb;
  /** The reference's target (`/*` → the function); absent with `applications`. */
  readonly albTarget?: AlbTarget;
  readonly cloudflareZone: CloudflareZone;
  /** The reference's Access application; absent with `applications` (each has its own). */
  readonly cloudflareAccess?: CloudflareAccess;
  /** The provider versions the stack is written for. */
  readonly providers: ProviderTrack;
  /** With `applications`: each application, by name. */
  readonly applications?: Record<string, GateApplication>;
  /** The service tokens the stack makes (`serviceTokens`), by name. */
  readonly serviceTokens: Record<string, CloudflareServiceToken>;
  /** The stack's Lambda functions (the reference's, or the applications' own), for the alarms. */
  private readonly functions: LambdaBackend[] = [];
  /** The Access team domain when `accessJwt` is on (declares the variable on first use with `accessJwt: true`). */
  private readonly teamDomain?: () => string;

  constructor(scope: Construct, name: string, props: AlbMtlsStackProps = {}) {
    super(scope, name);
    const handlers = this.checkProps(props);
    this.providers = props.providers ?? "reference";
    const majors = trackMajors(this.providers);
    // Decided before anything is built: the "forget" step's Cloudflare resources are made, addressed and left out of the tree.
    const forget = props.switchFromReferenceTrack === "forget" ? forgetCloudflareResources(this, cloudflareMapping(majors.cloudflare)) : undefined;
    const cloudflare = forget?.cloudflare ?? cloudflareMapping(majors.cloudflare);
    this.configureBackend(name, props.backend);
    const nodejs24 = Object.values(props.applications ?? {}).some((app) => app.lambda?.runtime === "nodejs24.x");
    pinProviders(this, this.providers, nodejs24 ? { aws: NODEJS_24_AWS_PIN } : {});
    const input = inputVariables(this, props);
    this.addProviders(props, input, cloudflare);
    const names = referenceNames(input, props);
    const mode: MtlsMode = props.mtls?.mode ?? "verify";
    const apps = props.applications;

    const lifecycle = certificateLifecycle(props.certificateLifecycle);
    const uploads = cloudflare.perHostnameUploadMissing === undefined;
    const pki = this.addPki(props, names, input, lifecycle && { ...lifecycle, clientRenewalHours: uploads ? (lifecycle.clientRenewalHours ?? DEFAULT_CLIENT_RENEWAL_HOURS) : undefined });
    [this.clientCert, this.trustStoreBucket, this.trustStoreBundleObject, this.trustStore] = [pki.clientCert, pki.bucket, pki.bundleObject, pki.trustStore];
    this.cloudflareZone = this.addCloudflareZone(names, pki, input, cloudflare, apps !== undefined, lifecycle !== undefined);
    this.serviceTokens = this.addServiceTokens(props, names.baseName, cloudflare);
    this.teamDomain = this.accessTeamDomain(props, input);
    const gate = this.gateSettings(props, mode, pki.caBundlePem);
    const functionDefaults = this.functionDefaults(props, names.baseName);
    if (!apps) {
      this.cloudflareAccess = this.addReferenceAccess(props, names, input, cloudflare);
      this.lambda = this.addReferenceFunction(names, handlers, functionDefaults, gate(this.cloudflareAccess.applicationAud, props.access?.serviceTokens));
    }
    this.cert = new Cert(this, "cert", { zoneName: names.hostZoneName, domain: names.domain });
    this.alb = this.addAlb(props, names, input, mode, props.originLockdown ? cloudflare.ipRanges(this, "cloudflare_ip_ranges") : undefined);
    if (!apps) {
      this.albTarget = this.addReferenceTarget(props);
    } else {
      this.applications = this.addApplications(apps, {
        baseName: names.baseName,
        functionDefaults,
        cloudflareZoneName: names.cloudflareZoneName,
        originDomain: names.domain,
        stackAccess: { emails: input.accessAllowedEmail, emailDomains: props.accessAllowedEmailDomains, sessionDuration: props.accessSessionDuration, access: props.access },
        gate,
        cloudflare,
      });
    }
    if (props.alarms) this.addAlarms(names.baseName, props.alarms === true ? undefined : props.alarms.snsTopicArn);
    if (mode === "off") {
      Annotations.of(this).addWarning(
        `${name}: mtls.mode is "off": the ALB accepts any TLS client; only originLockdown and accessJwt stand between the internet and the backend.`,
      );
    }
    this.warnUnusedServiceTokens(props);
    if (lifecycle) {
      const byo = props.certificates;
      addExpiryChecks(this, {
        lifecycle,
        clientCert: this.clientCert,
        uploaded: uploads,
        caBundleFile: byo?.caBundleFile,
        originPullCertificateFile: byo?.originPullCertificateFile,
        baseDir: filesBase(this),
        serviceTokens: Object.fromEntries(
          Object.entries(this.serviceTokens).map(([n, t]) => [n, { token: t.token, expiresAt: t.expiresAt, forever: props.serviceTokens?.[n]?.duration === "forever" }]),
        ),
      });
    }
    this.addOutputs(apps ? undefined : names.cloudflareDomain, names.domain);
    this.addMigrations(props, forget);
  }

  /** Every problem of the props at once, before anything is made (cdktf.json entries get the same checks); returns the handlers. */
  private checkProps(props: AlbMtlsStackProps): NonNullable<AlbMtlsStackProps["handlers"]> {
    const problems = stackPropsProblems(props, { baseDir: filesBase(this) });
    const handlers = props.handlers ?? builtHandlers();
    if (!props.handlers && !props.applications && !existsSync(handlers.echo)) {
      problems.push(`handlers: the built handlers are missing (${handlers.echo}); \`node scripts/build.mjs\` builds them (npm ci runs it)`);
    }
    if (problems.length > 0) throw new PropsError(this, problems);
    return handlers;
  }

  private configureBackend(name: string, backend: BackendOptions = { type: "local" }): void {
    switch (backend.type) {
      case "local":
        // Terraform runs in cdktf.out/stacks/<name>; paths are given relative to the project root.
        new LocalBackend(this, { path: relativeToStackFolder(backend.path ?? `terraform.${name}.tfstate`) });
        return;
      case "s3":
        new S3Backend(this, {
          bucket: backend.bucket,
          key: backend.key,
          region: backend.region,
          encrypt: backend.encrypt ?? true,
          kmsKeyId: backend.kmsKeyId,
          dynamodbTable: backend.dynamodbTable,
        });
        // S3-native locking (Terraform ≥ 1.10); on unless a DynamoDB table is the lock.
        if (backend.useLockfile ?? backend.dynamodbTable === undefined) this.addOverride("terraform.backend.s3.use_lockfile", true);
        return;
      case "cloud":
        new CloudBackend(this, {
          organization: backend.organization,
          hostname: backend.hostname,
          workspaces: backend.workspaceTags
            ? new TaggedCloudWorkspaces(backend.workspaceTags, backend.project)
            : new NamedCloudWorkspace(backend.workspace!, backend.project),
        });
    }
  }

  private addProviders(props: AlbMtlsStackProps, input: Inputs, cloudflare: CloudflareMapping): void {
    new AwsProvider(this, "aws", {
      region: props.region ?? "ap-northeast-1",
      defaultTags: [{ tags: { ...DEFAULT_TAGS, ...props.tags } }],
    });
    cloudflare.provider(this, "cloudflare", input.cloudflareApiToken);
    new TlsProvider(this, "tls");
    new ArchiveProvider(this, "archive");
  }

  /** The trust store and the client certificate: generated by Terraform (the reference), or your own (`certificates`). */
  private addPki(props: AlbMtlsStackProps, names: ReferenceNames, input: Inputs, lifecycle: CertificateLifecycleOptions | undefined): Pki {
    const { trustStoreName, trustStoreBucketName } = names;
    const byo = props.certificates;
    if (!byo) {
      const clientCert = new ClientCert(this, "client_cert", {
        trustStoreName,
        trustStoreBucketName,
        secureBucket: props.secureBuckets,
        ...(lifecycle && { ...pick(lifecycle, "clientRenewalHours", "caGeneration", "trustedCaGenerations"), contentAddressedBundle: true }),
      });
      return {
        clientCert,
        bucket: clientCert.bucket,
        bundleObject: clientCert.bundleObject,
        trustStore: clientCert.trustStore,
        caBundlePem: clientCert.rootCaCertPem,
        originPull: { clientCertificatePem: clientCert.clientCertPem, clientPrivateKeyPem: clientCert.clientKeyPem },
      };
    }
    const store = new TrustStore(this, "trust_store", {
      name: trustStoreName,
      bucketName: trustStoreBucketName,
      caBundle: { file: byo.caBundleFile },
      revocationLists: props.mtls?.revocationLists,
      secureBucket: props.secureBuckets,
      contentAddressedKey: lifecycle !== undefined,
    });
    const originPull =
      byo.originPullCertificateFile !== undefined && byo.originPullPrivateKeyFile !== undefined
        ? {
            // Read by Terraform from the project (never copied into cdktf.out: it holds a key).
            clientCertificatePem: Fn.file(relativeToStackFolder(byo.originPullCertificateFile)),
            clientPrivateKeyPem: Fn.file(relativeToStackFolder(byo.originPullPrivateKeyFile)),
          }
        : { originPullCertificateId: byo.originPullCertificateId ?? input.originPullCertificateId() };
    return { bucket: store.bucket, bundleObject: store.bundleObject, trustStore: store.trustStore, caBundlePem: store.caBundlePem, originPull };
  }

  private addCloudflareZone(names: ReferenceNames, pki: Pki, input: Inputs, cloudflare: CloudflareMapping, withApplications: boolean, gapless: boolean): CloudflareZone {
    const originPull = pki.originPull;
    return new CloudflareZone(this, "cloudflare_zone", {
      cloudflareProvider: cloudflare,
      // A new certificate is uploaded after the trust store trusts its CA, before the old one goes.
      gaplessRenewal: gapless ? { issuedBy: pki.clientCert?.client, after: [pki.trustStore] } : undefined,
      zoneName: names.cloudflareZoneName,
      // With applications, each has its own hostname (GateApplication); the zone keeps the certificate.
      applicationDomain: withApplications ? undefined : names.cloudflareDomain,
      originDomain: names.domain,
      // 5.14 cannot upload a per-hostname certificate: a generated one too is uploaded outside
      // Terraform and given by ID (the variable origin_pull_certificate_id; docs/provider-tracks.md).
      ...(cloudflare.perHostnameUploadMissing === undefined
        ? originPull
        : { originPullCertificateId: originPull.originPullCertificateId ?? input.originPullCertificateId() }),
    });
  }

  /** The Access team domain, when the origin checks the Access JWT (declares its variable on first use). */
  private accessTeamDomain(props: AlbMtlsStackProps, input: Inputs): (() => string) | undefined {
    const accessJwt = props.accessJwt;
    if (!accessJwt) return undefined;
    let teamDomain: string | undefined;
    return () => (teamDomain ??= accessJwt === true ? input.accessTeamDomain() : accessJwt.teamDomain);
  }

  /** What the gate (the guard backend, or an application's handler wrapped in withGate) checks, for an Access application's audience. */
  private gateSettings(props: AlbMtlsStackProps, mode: MtlsMode, caBundlePem: string): ApplicationContext["gate"] {
    return (audience, tokenNames = []) => ({
      clientCertificate:
        mode === "passthrough" ? { caBundlePem, allowedSubjects: props.mtls?.allowedSubjects, allowedSerials: props.mtls?.allowedSerials } : undefined,
      accessJwt: this.teamDomain
        ? { teamDomain: this.teamDomain(), audience, serviceTokens: tokenNames.map((name) => ({ clientId: this.serviceTokens[name].clientId, name })) }
        : undefined,
    });
  }

  /** The stack's service tokens (`serviceTokens`), named `<baseName>-<name>` in Cloudflare. */
  private addServiceTokens(props: AlbMtlsStackProps, baseName: string, cloudflare: CloudflareMapping): Record<string, CloudflareServiceToken> {
    const tokens: Record<string, CloudflareServiceToken> = {};
    for (const [name, token] of Object.entries(props.serviceTokens ?? {})) {
      tokens[name] = new CloudflareServiceToken(this, `service_token_${name}`, {
        cloudflareProvider: cloudflare,
        accountId: this.cloudflareZone.accountId,
        name: `${baseName}-${name}`,
        duration: token.duration,
      });
    }
    return tokens;
  }

  /** `access` as CloudflareAccess takes it: the typed rules, and each service token's ID. */
  private accessProps(access: AccessConfig | undefined): Pick<CloudflareAccessProps, "rules" | "serviceTokens" | "identityProviders"> | undefined {
    if (!access) return undefined;
    return {
      rules: { allow: access.allow?.map(toAccessRule), require: access.require?.map(toAccessRule), exclude: access.exclude?.map(toAccessRule) },
      serviceTokens: access.serviceTokens?.map((name) => ({ name, tokenId: this.serviceTokens[name].tokenId })),
      identityProviders: access.identityProviders,
    };
  }

  /** A declared token no Access application lets in opens nothing: said, not refused (it may be wired next). */
  private warnUnusedServiceTokens(props: AlbMtlsStackProps): void {
    const levels = props.applications ? Object.values(props.applications).map((app) => applicationAccess(props, app)) : [props.access];
    const used = new Set(levels.flatMap((access) => access?.serviceTokens ?? []));
    for (const [name, token] of Object.entries(this.serviceTokens)) {
      if (!used.has(name)) {
        Annotations.of(token).addWarning(`serviceTokens.${name}: declared, but no application lets it in (access.serviceTokens): the token opens nothing`);
      }
    }
  }

  /** The log settings every function gets, with the KMS key when the stack makes one. */
  private functionDefaults(props: AlbMtlsStackProps, baseName: string): FunctionDefaults {
    const logsKey =
      props.logsKmsKey === true ? new LogsKmsKey(this, "logs_kms_key", { alias: `${baseName}-logs`, awsProvider: trackMajors(this.providers).aws }) : undefined;
    return {
      logRetentionDays: props.logRetentionDays,
      logKmsKeyArn: logsKey?.keyArn ?? (typeof props.logsKmsKey === "string" ? props.logsKmsKey : undefined),
      reservedConcurrency: props.lambdaReservedConcurrency,
      tracing: props.lambdaTracing,
    };
  }

  private addReferenceAccess(props: AlbMtlsStackProps, names: ReferenceNames, input: Inputs, cloudflare: CloudflareMapping): CloudflareAccess {
    return new CloudflareAccess(this, "cloudflare_access", {
      cloudflareProvider: cloudflare,
      zoneId: this.cloudflareZone.zoneId,
      applicationDomain: names.cloudflareDomain,
      applicationName: names.applicationName,
      emails: props.access ? undefined : input.accessAllowedEmail,
      emailDomains: props.access ? undefined : props.accessAllowedEmailDomains,
      sessionDuration: props.accessSessionDuration,
      ...this.accessProps(props.access),
    });
  }

  /** The reference's echo backend, or the guard in front of it when the origin has to verify. */
  private addReferenceFunction(names: ReferenceNames, handlers: NonNullable<AlbMtlsStackProps["handlers"]>, defaults: FunctionDefaults, gate: GateSettings): LambdaBackend {
    const guardEnv = gateEnvironment(gate);
    const guarded = Object.keys(guardEnv).length > 0;
    return this.track(new LambdaBackend(this, "lambda", {
      ...defaults,
      functionName: names.functionName,
      handlerFile: guarded ? handlers.guard : handlers.echo,
      environment: guarded ? guardEnv : undefined,
    }));
  }

  private track(fn: LambdaBackend): LambdaBackend {
    this.functions.push(fn);
    return fn;
  }

  /** CloudWatch alarms on the path (`alarms`): the ALB, every function, the gate's refusals. */
  private addAlarms(baseName: string, snsTopicArn: string | undefined): void {
    new PathAlarms(this, "alarms", {
      namePrefix: baseName,
      loadBalancerArnSuffix: this.alb.loadBalancer.arnSuffix,
      functions: this.functions.map((fn) => ({ functionName: fn.functionName, logGroupName: fn.logGroup.name })),
      snsTopicArn,
    });
  }

  /** The log buckets (`albLogs`, `bucketAccessLogs`) and bucket controls; returns the ALB's log bucket. */
  private addLogBuckets(props: AlbMtlsStackProps, baseName: string): AlbLogBucket | undefined {
    const logRetention = typeof props.albLogs === "object" ? props.albLogs.retentionDays : undefined;
    const logs = props.albLogs
      ? new AlbLogBucket(this, "alb_logs", { bucket: `${baseName}-alb-logs`, retentionDays: logRetention, controls: props.bucketControls })
      : undefined;
    if (props.bucketControls) bucketControls(new Construct(this, "trust_store_bucket_controls"), this.trustStoreBucket);
    if (props.bucketAccessLogs) {
      const retentionDays = typeof props.bucketAccessLogs === "object" ? props.bucketAccessLogs.retentionDays : undefined;
      const accessLogs = new AccessLogBucket(this, "s3_access_logs", { bucket: `${baseName}-s3-access-logs`, retentionDays });
      accessLogs.logBucket(this, "trust_store_bucket_logging", this.trustStoreBucket, "trust-store");
      if (logs) accessLogs.logBucket(this, "alb_logs_bucket_logging", logs.bucket, "alb-logs");
    }
    return logs;
  }

  private addAlb(props: AlbMtlsStackProps, names: ReferenceNames, input: Inputs, mode: MtlsMode, ipRanges: CloudflareIpRanges | undefined): Alb {
    const logs = this.addLogBuckets(props, names.baseName);
    return new Alb(this, "alb", {
      name: names.albName,
      subnetNames: input.subnets,
      certificateArn: this.cert.certificateArn,
      mutualTlsMode: props.mtls?.mode,
      trustStoreArn: mode === "verify" ? this.trustStore.arn : undefined,
      ignoreClientCertificateExpiry: props.mtls?.ignoreClientCertificateExpiry,
      advertiseTrustStoreCaNames: props.mtls?.advertiseTrustStoreCaNames,
      zoneName: names.hostZoneName,
      domain: names.domain,
      ingressIpv4Cidrs: ipRanges?.ipv4CidrBlocks,
      ingressIpv6Cidrs: ipRanges?.ipv6CidrBlocks,
      deletionProtection: props.deletionProtection,
      accessLogs: logs && { bucket: logs.bucketName, prefix: "access" },
      connectionLogs: logs && { bucket: logs.bucketName, prefix: "connection" },
      dependsOn: logs && [logs.policy],
      webAclArn: props.wafWebAclArn === true ? input.wafWebAclArn() : props.wafWebAclArn,
      strictSecurityGroup: props.strictSecurityGroups,
      awsProvider: trackMajors(this.providers).aws,
    });
  }

  /** The reference's single target: every path to the function. */
  private addReferenceTarget(props: AlbMtlsStackProps): AlbTarget {
    return new AlbTarget(this, "alb_target", {
      functionName: this.lambda!.functionName,
      functionArn: this.lambda!.functionArn,
      listenerArn: this.alb.httpsListenerArn,
      pathPattern: "/*",
      priority: 100,
      targetGroupName: props.targetGroupName,
    });
  }

  /** One GateApplication per entry, keyed by name, so adding one never moves or replaces another's resources. */
  private addApplications(apps: Record<string, ApplicationConfig>, ctx: ApplicationContext): Record<string, GateApplication> {
    const result: Record<string, GateApplication> = {};
    Object.entries(apps).forEach(([key, app], position) => {
      result[key] = this.addApplication(key, app, position, ctx);
    });
    return result;
  }

  private addApplication(key: string, app: ApplicationConfig, position: number, ctx: ApplicationContext): GateApplication {
    const id = `app_${key}`;
    const name = `${ctx.baseName}-${key}`;
    const fn = app.lambda && this.addApplicationFunction(id, name, app.lambda, ctx.functionDefaults);
    const access = applicationAccess(ctx.stackAccess, app);
    const application = new GateApplication(this, id, {
      zoneId: this.cloudflareZone.zoneId,
      accountId: this.cloudflareZone.accountId,
      hostname: `${app.hostname ?? key}.${ctx.cloudflareZoneName}`,
      accessApplicationName: app.hostname ?? key,
      originDomain: ctx.originDomain,
      originPullCertificateId: this.cloudflareZone.originPullCertificateId,
      originPullsReplaceTriggeredBy: this.cloudflareZone.originPullsReplaceTriggeredBy,
      accessAllowedEmail: access ? undefined : app.accessAllowedEmail ?? ctx.stackAccess.emails,
      accessAllowedEmailDomains: access ? undefined : app.accessAllowedEmailDomains ?? ctx.stackAccess.emailDomains,
      access: this.accessProps(access),
      accessSessionDuration: app.accessSessionDuration ?? ctx.stackAccess.sessionDuration,
      listenerArn: this.alb.httpsListenerArn,
      priority: app.priority ?? 100 + 10 * position,
      pathPatterns: app.pathPatterns,
      target: this.applicationTarget(app, fn, name),
      targetGroupName: app.targetGroupName ?? name,
      cloudflareProvider: ctx.cloudflare,
    });
    if (!fn && this.teamDomain) {
      Annotations.of(application).addWarning(
        `applications.${key}: accessJwt: the stack cannot make ${app.http ? "an http target" : "an existing function"} check the Access JWT; it must verify Cf-Access-Jwt-Assertion itself (issuer, audience and keys URL in the output "applications")`,
      );
    }
    if (fn) this.wireGate(fn, key, app, ctx.gate(application.accessAud, access?.serviceTokens));
    const egress = application.target.albEgress;
    if (egress) this.alb.allowEgressTo(egress.securityGroupId, egress.port, `To the targets of ${key}`);
    return application;
  }

  private addApplicationFunction(id: string, name: string, lambda: NonNullable<ApplicationConfig["lambda"]>, defaults: FunctionDefaults): LambdaBackend {
    const { entry, handler, runtime, architecture, memorySize, timeout, environment, logRetentionDays } = lambda;
    return this.track(new LambdaBackend(this, `${id}_lambda`, {
      ...defaults,
      functionName: name,
      entry,
      handler,
      runtime,
      architecture,
      memorySize,
      timeout,
      environment,
      logRetentionDays: logRetentionDays ?? defaults.logRetentionDays,
    }));
  }

  /** The target kind of an application: its bundled function, an existing function, or instances / IPs. */
  private applicationTarget(app: ApplicationConfig, fn: LambdaBackend | undefined, name: string): IAlbTarget {
    if (fn) return new LambdaTarget(fn);
    if (app.lambdaArn) return LambdaTarget.fromFunctionArn(app.lambdaArn);
    return new HttpTarget({ ...app.http!, vpcId: this.alb.vpcId, albSecurityGroupId: this.alb.securityGroup.id, securityGroupName: `${name}-targets` });
  }

  /**
   * Gives an application's function what its gate checks (the guard's variables). A bundle that
   * does not use the gate while there is something to check stops synth; a gated function with
   * nothing to check (verify mode, no accessJwt) is told so, as the gate refuses to run unconfigured.
   */
  private wireGate(fn: LambdaBackend, key: string, app: ApplicationConfig, settings: GateSettings): void {
    const env = gateEnvironment(settings);
    const gated = fn.bundle!.inputs.includes(GATE_MODULE);
    const selfChecked = app.verifiesClientCertificate === true && settings.accessJwt === undefined;
    if (Object.keys(env).length > 0 && !gated && !selfChecked) {
      throw new PropsError(this, [`applications.${key}.lambda.entry: ${missingGateRefusal(app.lambda!.entry, env)}`]);
    }
    if (Object.keys(env).length > 0) fn.addEnvironment(env);
    // The ALB verified the certificate (or mTLS is off) and no Access JWT is checked: nothing left to the gate.
    else if (gated) fn.addEnvironment({ MTLS_VERIFY: "false" });
  }

  private addOutputs(cloudflareDomain: string | undefined, domain: string): void {
    const output = (id: string, value: unknown, description: string, sensitive = false) =>
      new TerraformOutput(this, id, { value, description, sensitive: sensitive || undefined });
    if (cloudflareDomain !== undefined) output("application_url", `https://${cloudflareDomain}`, "URL users open (Cloudflare, behind Access)");
    output("origin_url", `https://${domain}`, "URL of the ALB origin (mutual TLS)");
    output("origin_domain", domain, "Origin domain (Route53 alias to the ALB)");
    output("alb_dns_name", this.alb.albDnsName, "DNS name of the ALB");
    output("trust_store_arn", this.trustStore.arn, "ARN of the ALB trust store");
    if (this.cloudflareAccess) output("access_application_aud", this.cloudflareAccess.applicationAud, "Audience (AUD) tag of the Access application");
    if (this.applications) {
      // With accessJwt, what a target that is not wrapped in withGate must check (docs/applications.md).
      const team = this.teamDomain?.();
      const jwt = team && { access_jwt_issuer: `https://${team}`, access_jwt_keys_url: `https://${team}/cdn-cgi/access/certs` };
      const apps = Object.entries(this.applications).map(([key, app]) => {
        const tokens = Object.keys(app.access.serviceTokenPolicies);
        return [key, { url: app.url, access_application_aud: app.accessAud, ...jwt, ...(tokens.length ? { service_tokens: tokens } : {}) }];
      });
      output("applications", Object.fromEntries(apps), "Per application: the URL users open and the AUD tag of its Access application");
    }
    const tokens = Object.entries(this.serviceTokens);
    if (tokens.length > 0) {
      const each = <T>(value: (t: CloudflareServiceToken) => T) => Object.fromEntries(tokens.map(([name, t]) => [name, value(t)]));
      output("service_tokens", each((t) => ({ client_id: t.clientId, expires_at: t.expiresAt })), "Per service token: its client ID (CF-Access-Client-Id) and expiry");
      output("service_token_client_secrets", each((t) => t.clientSecret), "Per service token: its client secret (CF-Access-Client-Secret)", true);
      if (this.cloudflareAccess) output("access_service_tokens", Object.keys(this.cloudflareAccess.serviceTokenPolicies), "Service tokens the Access application lets in");
    }
    if (this.clientCert) {
      output("client_certificate_pem", this.clientCert.clientCertPem, "Client certificate Cloudflare presents (PEM)", true);
      output("client_private_key_pem", this.clientCert.clientKeyPem, "Private key of the client certificate (PEM)", true);
    }
  }

  /** What a migration adds: adopting the reference's state, or a step of the move between provider tracks. */
  private addMigrations(props: AlbMtlsStackProps, forget: ForgetStep | undefined): void {
    if (props.adoptReference) this.adoptReference();
    if (props.switchFromReferenceTrack === "import") this.addOverride("import", trackSwitchImports(this));
    if (forget) this.addOverride("removed", forget.removed());
  }

  /** `moved` blocks from the reference's addresses, `removed` blocks for its local files. */
  private adoptReference(): void {
    const moved = REFERENCE_ADDRESSES.flatMap(([from, target]) => {
      const resource: TerraformResource | undefined = target(this);
      return resource ? [{ from, to: `${resource.terraformResourceType}.${this.getLogicalId(resource)}` }] : [];
    });
    this.addOverride("moved", moved);
    this.addOverride(
      "removed",
      REFERENCE_REMOVED.map((from) => ({ from, lifecycle: { destroy: false } })),
    );
  }
}
