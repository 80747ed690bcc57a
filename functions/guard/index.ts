/**
 * The guard backend for hardened stacks: checks the request, then answers like the reference echo.
 *
 * Checks, from environment variables set by Terraform (read once per cold start):
 * - `MTLS_VERIFY=true`: verify the client certificate of an ALB in pass-through mode
 *   (`x-amzn-mtls-clientcert`) against `MTLS_CA_BUNDLE` (PEM), optionally only the subjects in
 *   `MTLS_ALLOWED_SUBJECTS` / serials in `MTLS_ALLOWED_SERIALS` (JSON arrays of strings).
 * - `ACCESS_TEAM_DOMAIN` + `ACCESS_AUD`: verify the Cloudflare Access JWT (`cf-access-jwt-assertion`).
 *
 * Refused → 403 `{"error":"forbidden","reason":"client_certificate_<why>" | "access_token_<why>"}`.
 * Misconfigured → 500 `{"error":"backend misconfigured"}` for every request, problems logged once.
 * The certificate and the token are never echoed: they are removed from the echoed event.
 */
import type { JWTVerifyGetKey } from "jose";
import type { X509Certificate } from "node:crypto";
import { createAccessJwtVerifier } from "../lib/access-jwt";
import { CertIdentity, parseCaBundle, verifyClientCertificate } from "../lib/client-cert";

export interface GuardConfig {
  readonly mtls?: { readonly trustedCas: X509Certificate[]; readonly allowedSubjects?: string[]; readonly allowedSerials?: string[] };
  readonly access?: { readonly teamDomain: string; readonly audience: string };
}

/** An ALB Lambda-target event (the parts used here). */
export interface AlbEvent {
  headers?: Record<string, string | undefined>;
  multiValueHeaders?: Record<string, string[] | undefined>;
  requestContext?: { elb?: Record<string, unknown> } & Record<string, unknown>;
  [key: string]: unknown;
}

export interface AlbResult {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

/** Headers whose values must not be echoed back. */
const SECRET_HEADERS = ["x-amzn-mtls-clientcert", "x-amzn-mtls-clientcert-leaf", "cf-access-jwt-assertion"];

function jsonList(env: Record<string, string | undefined>, name: string, problems: string[]): string[] | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  } catch {
    // fall through
  }
  problems.push(`${name} must be a JSON array of strings`);
  return undefined;
}

/** Reads and checks the configuration; returns it, or every problem found. */
export function configFromEnv(env: Record<string, string | undefined>): { config: GuardConfig } | { problems: string[] } {
  const problems: string[] = [];
  let mtls: GuardConfig["mtls"];
  if (env.MTLS_VERIFY !== undefined && env.MTLS_VERIFY !== "true" && env.MTLS_VERIFY !== "false") {
    problems.push(`MTLS_VERIFY must be "true" or "false"`);
  }
  if (env.MTLS_VERIFY === "true") {
    try {
      const trustedCas = parseCaBundle(env.MTLS_CA_BUNDLE ?? "");
      mtls = { trustedCas, allowedSubjects: jsonList(env, "MTLS_ALLOWED_SUBJECTS", problems), allowedSerials: jsonList(env, "MTLS_ALLOWED_SERIALS", problems) };
    } catch (e) {
      problems.push(`MTLS_CA_BUNDLE: ${(e as Error).message}`);
    }
  }
  const [teamDomain, audience] = [env.ACCESS_TEAM_DOMAIN, env.ACCESS_AUD];
  if ((teamDomain === undefined) !== (audience === undefined)) problems.push("ACCESS_TEAM_DOMAIN and ACCESS_AUD go together");
  const access = teamDomain && audience ? { teamDomain, audience } : undefined;
  return problems.length > 0 ? { problems } : { config: { mtls, access } };
}

function header(event: AlbEvent, name: string): string | undefined {
  const find = <T>(record: Record<string, T> | undefined) =>
    record && Object.entries(record).find(([k]) => k.toLowerCase() === name)?.[1];
  return find(event.headers) ?? find(event.multiValueHeaders)?.[0];
}

function withoutSecrets<T>(record: Record<string, T> | undefined): Record<string, T> | undefined {
  return record && Object.fromEntries(Object.entries(record).filter(([k]) => !SECRET_HEADERS.includes(k.toLowerCase())));
}

const json = (statusCode: number, body: unknown): AlbResult => ({
  statusCode,
  body: JSON.stringify(body),
  headers: { "Content-Type": "application/json" },
});

export function createHandler(
  setup: { config: GuardConfig } | { problems: string[] },
  deps: { jwks?: JWTVerifyGetKey; now?: () => Date } = {},
): (event: AlbEvent) => Promise<AlbResult> {
  if ("problems" in setup) {
    console.error(JSON.stringify({ message: "guard backend misconfigured", problems: setup.problems }));
    return async () => json(500, { error: "backend misconfigured" });
  }
  const { mtls, access } = setup.config;
  const verifyJwt = access && createAccessJwtVerifier({ ...access, jwks: deps.jwks, now: deps.now });

  return async (event) => {
    const verified: { clientCertificate?: CertIdentity; accessUser?: string } = {};
    if (mtls) {
      const result = verifyClientCertificate(header(event, "x-amzn-mtls-clientcert"), mtls, deps.now?.());
      if (!result.ok) return json(403, { error: "forbidden", reason: `client_certificate_${result.reason}` });
      verified.clientCertificate = result.identity;
    }
    if (verifyJwt) {
      const result = await verifyJwt(header(event, "cf-access-jwt-assertion"));
      if (!result.ok) {
        if (result.detail) console.warn(JSON.stringify({ message: "access token refused", detail: result.detail }));
        return json(403, { error: "forbidden", reason: `access_token_${result.reason}` });
      }
      verified.accessUser = result.email ?? result.subject;
    }
    const echoed = {
      ...event,
      headers: withoutSecrets(event.headers),
      multiValueHeaders: withoutSecrets(event.multiValueHeaders),
      requestContext: { ...event.requestContext, elb: { ...event.requestContext?.elb, targetGroupArn: "[HIDDEN]" } },
    };
    return json(200, { message: "Hello from Lambda!", event: echoed, verified });
  };
}

export const handler = createHandler(configFromEnv(process.env));
