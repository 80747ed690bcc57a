import { Construct } from "constructs";
import type { ITerraformResource } from "cdktf";
import { AlbTarget } from "./alb-target";
import type { IAlbTarget } from "./targets/target-kind";
import { CloudflareAccess, type CloudflareAccessProps } from "./cloudflare/access";
import { CloudflareHostname } from "./cloudflare/hostname";
import type { CloudflareProviderChoice } from "./cloudflare/majors";
import { checkProp } from "./errors";
import { rules } from "./rules";

export interface GateApplicationProps {
  /** ID of the Cloudflare zone (`CloudflareZone.zoneId`). */
  readonly zoneId: string;
  /** ID of the zone's account (`CloudflareZone.accountId`): the Access application then looks nothing up. @default looked up from the zone */
  readonly accountId?: string;
  /** The hostname users open, e.g. `wiki.example.com`: its own DNS record, origin-pull binding, Access application and listener rule. */
  readonly hostname: string;
  /** Name of the Access application. */
  readonly accessApplicationName: string;
  /** The origin domain every hostname points to (the ALB's alias record). */
  readonly originDomain: string;
  /** The per-hostname origin-pull certificate (`CloudflareZone.originPullCertificateId`), shared by every hostname. */
  readonly originPullCertificateId: string;
  /** Resources whose replacement re-creates the origin-pull binding (the uploaded certificate). @default none */
  readonly originPullsReplaceTriggeredBy?: ITerraformResource[];
  /** E-mail addresses Access lets in. @default [] */
  readonly accessAllowedEmail?: string[];
  /** E-mail domains Access lets in. @default [] */
  readonly accessAllowedEmailDomains?: string[];
  /** Access session length. @default "72h" */
  readonly accessSessionDuration?: string;
  /** More Access rules, service tokens and identity providers (CloudflareAccess's `rules`, `serviceTokens`, `identityProviders`). @default none */
  readonly access?: Pick<CloudflareAccessProps, "rules" | "serviceTokens" | "identityProviders">;
  /** ARN of the ALB's HTTPS listener. */
  readonly listenerArn: string;
  /** Priority of the listener rule, unique on the listener. */
  readonly priority: number;
  /** Path patterns the rule forwards, besides the host header (at most 4). @default all paths */
  readonly pathPatterns?: string[];
  /** What the requests go to: `LambdaTarget` (a function of the stack or an existing one) or `HttpTarget` (instances, IPs). */
  readonly target: IAlbTarget;
  /** Name of the target group (unique per account and region). */
  readonly targetGroupName: string;
  /**
   * Major version of the Cloudflare provider the stack uses: 4 (the reference's 4.52.0) or 5
   * (5.14: `cloudflare_dns_record`, account-level Access policies). Addresses are the same. @default 4
   */
  readonly cloudflareProvider?: CloudflareProviderChoice;
}

/**
 * One application behind the gate, on an ALB and origin shared with the others: a proxied
 * hostname with Cloudflare's client certificate (`dns`), its own Access application and policy
 * (`access`), and a listener rule on its host header (and paths) to its target (`target`).
 */
export class GateApplication extends Construct {
  readonly dns: CloudflareHostname;
  readonly access: CloudflareAccess;
  readonly target: AlbTarget;
  /** `https://<hostname>`. */
  readonly url: string;
  /** AUD tag of the application's Access application: the `aud` its Access JWT carries. */
  readonly accessAud: string;

  constructor(scope: Construct, id: string, props: GateApplicationProps) {
    super(scope, id);
    checkProp(this, "hostname", props.hostname, rules.domainName);
    this.dns = new CloudflareHostname(this, "dns", {
      cloudflareProvider: props.cloudflareProvider,
      zoneId: props.zoneId,
      hostname: props.hostname,
      originDomain: props.originDomain,
      originPullCertificateId: props.originPullCertificateId,
      replaceTriggeredBy: props.originPullsReplaceTriggeredBy,
    });
    this.access = new CloudflareAccess(this, "access", {
      cloudflareProvider: props.cloudflareProvider,
      zoneId: props.zoneId,
      accountId: props.accountId,
      applicationDomain: props.hostname,
      applicationName: props.accessApplicationName,
      emails: props.accessAllowedEmail,
      emailDomains: props.accessAllowedEmailDomains,
      sessionDuration: props.accessSessionDuration,
      ...props.access,
    });
    this.target = new AlbTarget(this, "target", {
      listenerArn: props.listenerArn,
      target: props.target,
      hostHeaders: [props.hostname],
      pathPatterns: props.pathPatterns,
      priority: props.priority,
      targetGroupName: props.targetGroupName,
    });
    this.url = `https://${props.hostname}`;
    this.accessAud = this.access.applicationAud;
  }
}
