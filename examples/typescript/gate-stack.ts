/**
 * A two-application gate written in TypeScript, without the JSON config: the constructs composed
 * by hand, the way a team that authors its infrastructure in TypeScript writes its own `main.ts`.
 *
 *   wiki.example.com  ─┐                       ┌─ host wiki.…  → Lambda bundled from your entry
 *                      ├─ Cloudflare → ALB ────┤
 *   admin.example.com ─┘   (one client cert,   └─ host admin.… → IP targets (ECS tasks) on :8080
 *                           one origin, mTLS)
 *
 * Synthesize it with `npm run synth:example` (cdktf.out/stacks/gate-ts); it is tested in
 * __tests__/stacks/example-typescript.spec.ts. Compare `AlbMtlsStack`, which wires the same constructs
 * from a cdktf.json entry.
 */
import { Construct } from "constructs";
import { LocalBackend, TerraformOutput, TerraformVariable } from "cdktf";
import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudflareProvider } from "@cdktf/provider-cloudflare/lib/provider";
import { TlsProvider } from "@cdktf/provider-tls/lib/provider";
import { Alb } from "../../constructs/alb";
import { Cert } from "../../constructs/cert";
import { ClientCert } from "../../constructs/client-cert";
import { CloudflareZone } from "../../constructs/cloudflare/zone";
import { GateApplication } from "../../constructs/gate-application";
import { gateEnvironment } from "../../constructs/gate-environment";
import { LambdaBackend } from "../../constructs/lambda-backend";
import { HttpTarget } from "../../constructs/targets/http-target";
import { LambdaTarget } from "../../constructs/targets/lambda-target";
import { pinProviders } from "../../stacks/alb-mtls-stack";
import { ReadableStack } from "../../stacks/readable-stack";

export interface TwoAppGateProps {
  readonly baseName: string;
  /** `Name` tags of the ALB's public subnets. */
  readonly subnetNames: string[];
  readonly hostZoneName: string;
  readonly cloudflareZoneName: string;
  readonly allowedEmails: string[];
  /** Cloudflare Access team domain: the wiki's handler verifies the Access JWT (withGate). */
  readonly accessTeamDomain: string;
  /** Private IPs of the admin tool's tasks. */
  readonly adminTargets: string[];
  /** @default "ap-northeast-1" */
  readonly region?: string;
}

export class TwoAppGateStack extends ReadableStack {
  readonly wiki: GateApplication;
  readonly admin: GateApplication;

  constructor(scope: Construct, id: string, props: TwoAppGateProps) {
    super(scope, id);
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    pinProviders(this); // the reference's Terraform and provider versions
    new AwsProvider(this, "aws", { region: props.region ?? "ap-northeast-1" });
    const apiToken = new TerraformVariable(this, "cloudflare_api_token", { type: "string", sensitive: true });
    new CloudflareProvider(this, "cloudflare", { apiToken: apiToken.stringValue });
    new TlsProvider(this, "tls");
    new ArchiveProvider(this, "archive");

    // The shared part: one origin domain with its certificate, one CA, one ALB with mutual TLS.
    const origin = `${props.baseName}.${props.hostZoneName}`;
    const cert = new Cert(this, "cert", { zoneName: props.hostZoneName, domain: origin });
    const ca = new ClientCert(this, "client_cert", {
      trustStoreName: `${props.baseName}-mtls`,
      trustStoreBucketName: `${props.baseName}-mtls-bucket`,
      secureBucket: true,
    });
    const alb = new Alb(this, "alb", {
      name: `${props.baseName}-alb`,
      subnetNames: props.subnetNames,
      certificateArn: cert.certificateArn,
      trustStoreArn: ca.trustStoreArn,
      zoneName: props.hostZoneName,
      domain: origin,
    });
    const zone = new CloudflareZone(this, "cloudflare_zone", {
      zoneName: props.cloudflareZoneName,
      originDomain: origin,
      clientCertificatePem: ca.clientCertPem,
      clientPrivateKeyPem: ca.clientKeyPem,
    });
    const shared = {
      zoneId: zone.zoneId,
      accountId: zone.accountId,
      originDomain: origin,
      originPullCertificateId: zone.originPullCertificateId,
      originPullsReplaceTriggeredBy: zone.originPullsCertificate && [zone.originPullsCertificate],
      accessAllowedEmail: props.allowedEmails,
      listenerArn: alb.httpsListenerArn,
    };

    // 1. Your Lambda code, bundled from its TypeScript entry.
    const wikiFunction = new LambdaBackend(this, "wiki_lambda", {
      functionName: `${props.baseName}-wiki`,
      entry: "examples/apps/hello/index.ts",
      memorySize: 256,
      environment: { GREETING: "Welcome to the wiki" },
    });
    this.wiki = new GateApplication(this, "wiki", {
      ...shared,
      hostname: `wiki.${props.cloudflareZoneName}`,
      accessApplicationName: "wiki",
      priority: 100,
      target: new LambdaTarget(wikiFunction),
      targetGroupName: `${props.baseName}-wiki`,
    });
    // The handler is wrapped in withGate: give it what to check (the Access JWT of this application).
    wikiFunction.addEnvironment(gateEnvironment({ accessJwt: { teamDomain: props.accessTeamDomain, audience: this.wiki.accessAud } }));

    // 2. Containers on IPs in the ALB's VPC; only /admin/* and /api/* are forwarded.
    this.admin = new GateApplication(this, "admin", {
      ...shared,
      hostname: `admin.${props.cloudflareZoneName}`,
      accessApplicationName: "admin",
      accessSessionDuration: "8h",
      priority: 110,
      pathPatterns: ["/admin/*", "/api/*"],
      target: new HttpTarget({
        targetType: "ip",
        port: 8080,
        targets: props.adminTargets,
        healthCheck: { path: "/healthz" },
        vpcId: alb.vpcId,
        albSecurityGroupId: alb.securityGroup.id,
        securityGroupName: `${props.baseName}-admin-targets`,
      }),
      targetGroupName: `${props.baseName}-admin`,
    });

    for (const app of [this.wiki, this.admin]) {
      new TerraformOutput(this, `${app.node.id}_url`, { value: app.url });
      new TerraformOutput(this, `${app.node.id}_access_aud`, { value: app.accessAud });
    }
    new TerraformOutput(this, "origin_url", { value: `https://${origin}` });
    new TerraformOutput(this, "client_certificate_pem", { value: ca.clientCertPem, sensitive: true });
    new TerraformOutput(this, "client_private_key_pem", { value: ca.clientKeyPem, sensitive: true });
  }
}
