/**
 * The guard backend for hardened stacks: `withGate` (functions/lib/gate.ts) in front of an echo,
 * so the checks have one implementation, shared with your own handlers.
 *
 * Checks, from environment variables set by Terraform (read once per cold start):
 * - `MTLS_VERIFY=true`: verify the client certificate of an ALB in pass-through mode
 *   (`x-amzn-mtls-clientcert`) against `MTLS_CA_BUNDLE` (PEM), optionally only the subjects in
 *   `MTLS_ALLOWED_SUBJECTS` / serials in `MTLS_ALLOWED_SERIALS` (JSON arrays of strings).
 * - `ACCESS_TEAM_DOMAIN` + `ACCESS_AUD`: verify the Cloudflare Access JWT (`cf-access-jwt-assertion`).
 * With no check configured it behaves like the echo backend.
 *
 * Refused → 403 `{"error":"forbidden","reason":"client_certificate_<why>" | "access_token_<why>"}`;
 * the Access key set unreachable → 503. Misconfigured → 500 `{"error":"backend misconfigured"}`
 * for every request, problems logged once. Accepted → 200 with the event, credentials redacted
 * (functions/lib/redact.ts: credential headers removed, every cookie value replaced), and
 * `verified`: who the gate verified.
 */
import type { JWTVerifyGetKey } from "jose";
import { configFromEnv, withGate, type AlbEvent, type AlbResult, type GatedEvent, type GateSetup } from "../lib/gate";
import { redactForEcho } from "../lib/redact";

export { configFromEnv, type AlbEvent, type AlbResult };
export type { GateConfig as GuardConfig } from "../lib/gate";

/** The echo behind the gate: the event (credentials redacted, target group hidden) and `verified`. */
export async function echo({ gate, ...event }: GatedEvent<AlbEvent>): Promise<AlbResult> {
  const redacted = redactForEcho(event);
  const echoed = { ...redacted, requestContext: { ...redacted.requestContext, elb: { ...redacted.requestContext?.elb, targetGroupArn: "[HIDDEN]" } } };
  return { statusCode: 200, body: JSON.stringify({ message: "Hello from Lambda!", event: echoed, verified: gate }), headers: { "Content-Type": "application/json" } };
}

export function createHandler(setup: GateSetup, deps: { jwks?: JWTVerifyGetKey; jwksUrl?: string; now?: () => Date } = {}): (event: AlbEvent) => Promise<AlbResult> {
  const gated = withGate<AlbEvent, unknown, AlbResult>(echo, { config: setup, allowNoChecks: true, passCredentials: true, ...deps });
  return (event) => gated(event, undefined);
}

export const handler = createHandler(configFromEnv(process.env));
