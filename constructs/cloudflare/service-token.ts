import { Construct } from "constructs";
import type { TerraformResource } from "cdktf";
import { PropsError, checkProp, isLiteral } from "../errors";
import { type CloudflareProviderChoice, cloudflareMapping } from "./majors";

export interface CloudflareServiceTokenProps {
  /** ID of the Cloudflare account the token belongs to (`CloudflareZone.accountId`). */
  readonly accountId: string;
  /** Name of the token in Zero Trust (Access → Service credentials). */
  readonly name: string;
  /** How long the token is valid: 8760h, 17520h, 43800h, 87600h or forever on Cloudflare 4.52; any duration such as 720h on 5.14. @default "8760h" (the providers') */
  readonly duration?: string;
  /** Major version of the Cloudflare provider. @default 4 */
  readonly cloudflareProvider?: CloudflareProviderChoice;
}

/**
 * A Cloudflare Access service token: the credentials a machine (a probe, a CI job, another
 * service) sends as `CF-Access-Client-Id` / `CF-Access-Client-Secret` to pass Access without a
 * browser login, where a `non_identity` policy names it (CloudflareAccess `serviceTokens`).
 */
export class CloudflareServiceToken extends Construct {
  readonly token: TerraformResource;
  /** ID of the token: what an Access policy's service-token rule names. */
  readonly tokenId: string;
  /** `CF-Access-Client-Id`; the Access JWT's `common_name` for requests with this token. */
  readonly clientId: string;
  /** `CF-Access-Client-Secret` (sensitive: in the state, shown only by `terraform output`). */
  readonly clientSecret: string;
  /** When the token expires (RFC 3339). */
  readonly expiresAt: string;

  constructor(scope: Construct, id: string, props: CloudflareServiceTokenProps) {
    super(scope, id);
    const cloudflare = cloudflareMapping(props.cloudflareProvider);
    checkProp(this, "name", props.name, { allowed: "a non-empty name", test: (v) => v.trim() !== "" });
    const durationProblem = props.duration === undefined || !isLiteral(props.duration) ? undefined : cloudflare.serviceTokenDurationProblem(props.duration);
    if (durationProblem) throw new PropsError(this, "duration", `${JSON.stringify(props.duration)} ${durationProblem}`);
    const made = cloudflare.serviceToken(this, "token", { accountId: props.accountId, name: props.name, duration: props.duration });
    this.token = made.resource;
    [this.tokenId, this.clientId, this.clientSecret, this.expiresAt] = [made.id, made.clientId, made.clientSecret, made.expiresAt];
  }
}
