import { Fn } from "cdktf";

/**
 * The configuration of the gate checks (`functions/lib/gate.ts`: the guard backend, or your own
 * handler wrapped in `withGate`) as the Lambda environment variables they read.
 */
export interface GateSettings {
  /** Pass-through mode: verify the forwarded client certificate. @default not checked */
  readonly clientCertificate?: {
    /** PEM bundle of the CA certificates the client certificate must chain to. */
    readonly caBundlePem: string;
    /** Only these subjects (ALB format `CN=…,O=…`). @default any */
    readonly allowedSubjects?: string[];
    /** Only these serial numbers (hex). @default any */
    readonly allowedSerials?: string[];
  };
  /** Verify the Cloudflare Access JWT. @default not checked */
  readonly accessJwt?: {
    /** Team domain, e.g. `myteam.cloudflareaccess.com`. */
    readonly teamDomain: string;
    /** The Access application's AUD tag (`CloudflareAccess.applicationAud`). */
    readonly audience: string;
    /** The service tokens the application lets in, so the handler sees a token's name (`event.gate.access.name`). @default none */
    readonly serviceTokens?: { readonly clientId: string; readonly name: string }[];
  };
}

/** The variable names the gate reads; a function's own environment must not use them. */
export const GATE_ENVIRONMENT_NAMES = ["MTLS_VERIFY", "MTLS_CA_BUNDLE", "MTLS_ALLOWED_SUBJECTS", "MTLS_ALLOWED_SERIALS", "ACCESS_TEAM_DOMAIN", "ACCESS_AUD", "ACCESS_SERVICE_TOKENS"];

/** The environment variables for `settings`; empty when nothing is to be checked. */
export function gateEnvironment(settings: GateSettings): Record<string, string> {
  const env: Record<string, string> = {};
  const cert = settings.clientCertificate;
  if (cert) {
    Object.assign(env, { MTLS_VERIFY: "true", MTLS_CA_BUNDLE: cert.caBundlePem });
    if (cert.allowedSubjects) env.MTLS_ALLOWED_SUBJECTS = JSON.stringify(cert.allowedSubjects);
    if (cert.allowedSerials) env.MTLS_ALLOWED_SERIALS = JSON.stringify(cert.allowedSerials);
  }
  const jwt = settings.accessJwt;
  if (jwt) Object.assign(env, { ACCESS_TEAM_DOMAIN: jwt.teamDomain, ACCESS_AUD: jwt.audience });
  const tokens = jwt?.serviceTokens ?? [];
  // Client IDs are known after apply: Terraform writes the JSON object (client ID → name).
  if (tokens.length > 0) env.ACCESS_SERVICE_TOKENS = Fn.jsonencode(Fn.zipmap(tokens.map((t) => t.clientId), tokens.map((t) => t.name)));
  return env;
}
