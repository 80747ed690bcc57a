import { Construct } from "constructs";
import { LocalBackend, TerraformVariable } from "cdktf";
import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudflareProvider } from "@cdktf/provider-cloudflare/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { Alb } from "../constructs/alb";
import { AlbTarget } from "../constructs/alb-target";
import { Cert } from "../constructs/cert";
import { ClientCert } from "../constructs/client-cert";
import { CloudflareAccess } from "../constructs/cloudflare-access";
import { CloudflareZone } from "../constructs/cloudflare-zone";
import { LambdaBackend } from "../constructs/lambda-backend";
import type { StackInputs } from "./config";
import { ReadableStack } from "./readable-stack";

export interface AlbMtlsStackProps extends StackInputs {
  /** The built echo handler (`.build/functions/echo/index.mjs`), absolute or relative to cdktf.json. */
  readonly handlerFile: string;
}

/** Provider pins of the reference root module (`required_providers`), kept verbatim. */
const REQUIRED_PROVIDERS = {
  aws: { source: "hashicorp/aws", version: "~> 5.0" },
  archive: { source: "hashicorp/archive", version: "~> 2.0" },
  tls: { source: "hashicorp/tls", version: "~> 4.0" },
  local: { source: "hashicorp/local", version: "~> 2.5" },
  cloudflare: { source: "cloudflare/cloudflare", version: "4.52.0" },
};

/**
 * The reference deployment's root module: browser → Cloudflare (proxied DNS + Access) → client
 * certificate (Authenticated Origin Pulls) → ALB with mutual TLS → Lambda.
 *
 * Each root input is a literal when the props give it, else a Terraform variable with the
 * reference's name, type, sensitivity and default. The Cloudflare API token is always a sensitive
 * variable. State is local, at a path relative to the stack folder (the project root).
 */
export class AlbMtlsStack extends ReadableStack {
  readonly lambda: LambdaBackend;
  readonly cert: Cert;
  readonly clientCert: ClientCert;
  readonly alb: Alb;
  readonly albTarget: AlbTarget;
  readonly cloudflareZone: CloudflareZone;
  readonly cloudflareAccess: CloudflareAccess;

  constructor(scope: Construct, name: string, props: AlbMtlsStackProps) {
    super(scope, name);

    // Terraform runs in cdktf.out/stacks/<name>: keep the state at the project root, by a relative path.
    new LocalBackend(this, { path: `../../../terraform.${name}.tfstate` });
    this.addOverride("terraform.required_version", ">= 1.11.0");
    for (const [provider, pin] of Object.entries(REQUIRED_PROVIDERS)) {
      this.addOverride(`terraform.required_providers.${provider}`, pin);
    }

    const baseName =
      props.baseName ??
      new TerraformVariable(this, "base_name", {
        type: "string",
        description: "Application base name",
        default: "example-project-mtls",
      }).stringValue;
    const subnets =
      props.subnets ??
      new TerraformVariable(this, "subnets", {
        type: "list(string)",
        description: "The name of the subnets to deploy ALB. Not the subnet IDs.",
      }).listValue;
    const hostZoneName =
      props.hostZoneName ??
      new TerraformVariable(this, "host_zone_name", {
        type: "string",
        description: "The name of the Route53 Hosted Zone",
      }).stringValue;
    const cloudflareApiToken = new TerraformVariable(this, "cloudflare_api_token", {
      type: "string",
      sensitive: true,
    }).stringValue;
    const cloudflareZoneName =
      props.cloudflareZoneName ??
      new TerraformVariable(this, "cloudflare_zone_name", {
        type: "string",
        description: "The name of the Cloudflare Zone",
      }).stringValue;
    if (props.cloudflareAccountId === undefined) {
      // Declared for parity with the reference (whose modules do not use it), so tfvars that set it still plan.
      new TerraformVariable(this, "cloudflare_account_id", {
        type: "string",
        description: "The ID of the Cloudflare Account",
        sensitive: true,
      });
    }
    const accessAllowedEmail =
      props.accessAllowedEmail ??
      new TerraformVariable(this, "access_allowed_email", {
        type: "list(string)",
        description: "Allowed email addresses",
        sensitive: true,
      }).listValue;

    new AwsProvider(this, "aws", {
      region: props.region ?? "ap-northeast-1",
      defaultTags: [{ tags: { Project: "alb-mtls-test", Terraform: "true" } }],
    });
    new CloudflareProvider(this, "cloudflare", { apiToken: cloudflareApiToken });
    new TlsProvider(this, "tls");
    new ArchiveProvider(this, "archive");

    // The reference's locals.
    const functionName = `${baseName}-function`;
    const albName = `${baseName}-alb`;
    const domain = `${baseName}.${hostZoneName}`;
    const trustStoreName = `${baseName}-mtls`;
    const trustStoreBucketName = `${trustStoreName}-bucket`;
    const cloudflareDomain = `alb-mtls-test.${cloudflareZoneName}`;

    this.lambda = new LambdaBackend(this, "lambda", { functionName, handlerFile: props.handlerFile });
    this.clientCert = new ClientCert(this, "client_cert", { trustStoreName, trustStoreBucketName });
    this.cloudflareZone = new CloudflareZone(this, "cloudflare_zone", {
      zoneName: cloudflareZoneName,
      applicationDomain: cloudflareDomain,
      originDomain: domain,
      clientCertificatePem: this.clientCert.clientCertPem,
      clientPrivateKeyPem: this.clientCert.clientKeyPem,
    });
    this.cloudflareAccess = new CloudflareAccess(this, "cloudflare_access", {
      zoneId: this.cloudflareZone.zoneId,
      applicationDomain: cloudflareDomain,
      applicationName: "alb-mtls-test",
      emails: accessAllowedEmail,
    });
    this.cert = new Cert(this, "cert", { zoneName: hostZoneName, domain });
    this.alb = new Alb(this, "alb", {
      name: albName,
      subnetNames: subnets,
      certificateArn: this.cert.certificateArn,
      trustStoreArn: this.clientCert.trustStoreArn,
      zoneName: hostZoneName,
      domain,
    });
    this.albTarget = new AlbTarget(this, "alb_target", {
      functionName: this.lambda.functionName,
      functionArn: this.lambda.functionArn,
      listenerArn: this.alb.httpsListenerArn,
      pathPattern: "/*",
      priority: 100,
    });
  }
}
