/**
 * `withGate(handler, options?)`: the guard's checks in front of your own ALB Lambda handler, for
 * pass-through mTLS and Cloudflare Access JWT (`import { withGate } from "alb-mtls-cdktf/gate"`).
 *
 * ```ts
 * export const handler = withGate(async (event) => ({
 *   statusCode: 200,
 *   headers: { "Content-Type": "text/plain" },
 *   body: event.gate.access?.kind === "serviceToken"
 *     ? `Hello, machine ${event.gate.access.name ?? event.gate.access.clientId}`
 *     : `Hello ${event.gate.accessUser ?? event.gate.clientCertificate?.subject}`,
 * }));
 * ```
 *
 * Configuration: by default from the environment the stack sets (the guard's variables), read once,
 * at the first request: `MTLS_VERIFY=true` + `MTLS_CA_BUNDLE` (+ `MTLS_ALLOWED_SUBJECTS`,
 * `MTLS_ALLOWED_SERIALS`, JSON arrays), `ACCESS_TEAM_DOMAIN` + `ACCESS_AUD` (+ `ACCESS_SERVICE_TOKENS`,
 * a JSON object of service-token client ID → name, so a handler sees the token's name).
 * - Misconfigured (bad values, or no check at all unless `MTLS_VERIFY=false` says so on purpose)
 *   → 500 `{"error":"backend misconfigured"}` for every request; the problems are logged once.
 * - Refused → 403 `{"error":"forbidden","reason":"client_certificate_<why>" | "access_token_<why>"}`;
 *   the Access key set unreachable → 503 `{"error":"unavailable","reason":"access_keys_unavailable"}`.
 *   Your handler is not called.
 * - Accepted → your handler gets the event plus `event.gate` (GateIdentity), with the credentials
 *   the gate consumed removed (certificate headers, Access token header and cookies) unless
 *   `passCredentials`; its own cookies and `authorization` are left alone.
 * - Your handler throws → 500 `{"error":"internal error"}`, the error logged with credentials scrubbed.
 * No log line of the gate carries a request's header, cookie or token.
 */
import type { JWTVerifyGetKey } from "jose";
import type { X509Certificate } from "node:crypto";
import { createAccessJwtVerifier, type AccessJwtResult, type AccessPrincipal } from "./access-jwt";
import { parseAllowedSubjects, parseCaBundle, verifyClientCertificate, type CertIdentity } from "./client-cert";
import type { RemoteKeySetOptions } from "./jwks";
import { credentialValues, headerValues, redactText, stripGateCredentials } from "./redact";

/** An ALB Lambda-target event (the parts the gate reads). */
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
  [key: string]: unknown;
}

export interface GateConfig {
  readonly mtls?: { readonly trustedCas: X509Certificate[]; readonly allowedSubjects?: string[]; readonly allowedSerials?: string[] };
  readonly access?: {
    readonly teamDomain: string;
    readonly audience: string;
    /** Service tokens the stack knows: client ID → name (`event.gate.access.name`). Naming only: which tokens get in is Access's policy. */
    readonly serviceTokens?: Readonly<Record<string, string>>;
  };
}
/** A configuration, or every problem found reading one. */
export type GateSetup = { readonly config: GateConfig; readonly uncheckedOnPurpose?: boolean } | { readonly problems: string[] };

/**
 * Who came through Cloudflare Access: a person who signed in with an identity provider, or a machine
 * with a service token (its client ID, and its name where the stack declared it).
 */
export type AccessIdentity =
  | Extract<AccessPrincipal, { kind: "user" }>
  | (Extract<AccessPrincipal, { kind: "serviceToken" }> & {
      /** The service token's name in the stack (`serviceTokens` key), when the stack told the gate (`ACCESS_SERVICE_TOKENS`). */
      readonly name?: string;
    });

/** Who the gate verified. `clientCertificate` is present exactly when that check is on; `access` when the Access check is. */
export interface GateIdentity {
  /** The verified client certificate (`MTLS_VERIFY=true`). */
  readonly clientCertificate?: CertIdentity;
  /** Who Access let in (`ACCESS_TEAM_DOMAIN`/`ACCESS_AUD`): `kind` tells a person from a service token. */
  readonly access?: AccessIdentity;
  /** The Access user's e-mail: set for a person, never for a service token (then see `access`). */
  readonly accessUser?: string;
}

/** The event your handler receives: the ALB event plus `gate`. A handler typed for plain events accepts it. */
export type GatedEvent<E = AlbEvent> = E & { readonly gate: GateIdentity };

export interface GateOptions {
  /** The checks, instead of the environment. A GateSetup (configFromEnv's result) is taken as is. */
  readonly config?: GateConfig | GateSetup;
  /** Environment to read the configuration from. @default process.env */
  readonly env?: Record<string, string | undefined>;
  /** Accept a configuration without any check (the guard's echo does). @default false */
  readonly allowNoChecks?: boolean;
  /** Leave the certificate and Access token headers and cookies in the event passed on. @default false */
  readonly passCredentials?: boolean;
  /** Access key set instead of the team's published one (tests). */
  readonly jwks?: JWTVerifyGetKey;
  /** Where the published keys are. @default `https://<team domain>/cdn-cgi/access/certs` */
  readonly jwksUrl?: string;
  /** Bounds of the published key set's cache (jwks.ts defaults). */
  readonly keySet?: RemoteKeySetOptions;
  /** Clock (tests). @default the system clock */
  readonly now?: () => Date;
  /** Where log lines (one JSON object each) go. @default console.warn / console.error */
  readonly log?: { warn(line: string): void; error(line: string): void };
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

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

/** `ACCESS_SERVICE_TOKENS`: a JSON object of client ID → name, both non-empty strings. */
function serviceTokenNames(env: Record<string, string | undefined>, problems: string[]): Record<string, string> | undefined {
  const raw = env.ACCESS_SERVICE_TOKENS;
  if (raw === undefined || raw === "") return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (entries.every(([id, name]) => id !== "" && typeof name === "string" && name !== "")) return Object.fromEntries(entries);
    }
  } catch {
    // fall through
  }
  problems.push("ACCESS_SERVICE_TOKENS must be a JSON object of service-token client ID to name (non-empty strings)");
  return undefined;
}

/** Reads and checks the configuration from the guard's environment variables; returns it, or every problem found. */
export function configFromEnv(env: Record<string, string | undefined>): GateSetup {
  const problems: string[] = [];
  let mtls: GateConfig["mtls"];
  if (env.MTLS_VERIFY !== undefined && env.MTLS_VERIFY !== "true" && env.MTLS_VERIFY !== "false") {
    problems.push(`MTLS_VERIFY must be "true" or "false"`);
  }
  if (env.MTLS_VERIFY === "true") {
    try {
      const trustedCas = parseCaBundle(env.MTLS_CA_BUNDLE ?? "");
      const allowedSubjects = jsonList(env, "MTLS_ALLOWED_SUBJECTS", problems);
      try {
        if (allowedSubjects) parseAllowedSubjects(allowedSubjects);
      } catch (e) {
        problems.push(`MTLS_ALLOWED_SUBJECTS ${(e as Error).message}`);
      }
      mtls = { trustedCas, allowedSubjects, allowedSerials: jsonList(env, "MTLS_ALLOWED_SERIALS", problems) };
    } catch (e) {
      problems.push(`MTLS_CA_BUNDLE: ${(e as Error).message}`);
    }
  } else {
    for (const name of ["MTLS_ALLOWED_SUBJECTS", "MTLS_ALLOWED_SERIALS"]) if (env[name]) problems.push(`${name} needs MTLS_VERIFY=true`);
  }
  const [teamDomain, audience] = [env.ACCESS_TEAM_DOMAIN, env.ACCESS_AUD];
  if ((teamDomain === undefined) !== (audience === undefined)) problems.push("ACCESS_TEAM_DOMAIN and ACCESS_AUD go together");
  else if (teamDomain !== undefined && !HOST_NAME.test(teamDomain)) problems.push("ACCESS_TEAM_DOMAIN must be a host name such as myteam.cloudflareaccess.com");
  else if (audience === "") problems.push("ACCESS_AUD must not be empty");
  const serviceTokens = serviceTokenNames(env, problems);
  if (serviceTokens && teamDomain === undefined) problems.push("ACCESS_SERVICE_TOKENS needs ACCESS_TEAM_DOMAIN and ACCESS_AUD");
  const access = teamDomain && audience ? { teamDomain, audience, ...(serviceTokens ? { serviceTokens } : {}) } : undefined;
  return problems.length > 0 ? { problems } : { config: { mtls, access }, uncheckedOnPurpose: env.MTLS_VERIFY === "false" };
}

const json = (statusCode: number, body: unknown): AlbResult => ({ statusCode, body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });

type Outcome = { ok: true; identity: GateIdentity } | { ok: false; status: 403 | 503; reason: string; detail?: string };

/** The checks, ready to run: a request in, an outcome out. Never throws on request input. */
function createChecks(config: GateConfig, options: GateOptions): (event: AlbEvent) => Promise<Outcome> {
  const { mtls, access } = config;
  const verifyJwt = access && createAccessJwtVerifier({ ...access, jwks: options.jwks, jwksUrl: options.jwksUrl, keySet: options.keySet, now: options.now });
  return async (event) => {
    const identity: { clientCertificate?: CertIdentity; access?: AccessIdentity; accessUser?: string } = {};
    if (mtls) {
      const values = headerValues(event, "x-amzn-mtls-clientcert");
      // Two different certificate headers: which one did the ALB send? Refuse.
      const result = values.length > 1 ? ({ ok: false, reason: "malformed" } as const) : verifyClientCertificate(values[0], mtls, options.now?.());
      if (!result.ok) return { ok: false, status: 403, reason: `client_certificate_${result.reason}` };
      identity.clientCertificate = result.identity;
    }
    if (verifyJwt) {
      const values = headerValues(event, "cf-access-jwt-assertion");
      const result: AccessJwtResult = values.length > 1 ? { ok: false, reason: "invalid", detail: "ERR_SEVERAL_TOKENS" } : await verifyJwt(values[0]);
      if (!result.ok) {
        if (result.reason === "keys_unavailable") return { ok: false, status: 503, reason: "access_keys_unavailable", detail: result.detail };
        return { ok: false, status: 403, reason: `access_token_${result.reason}`, detail: result.detail };
      }
      const { principal } = result;
      if (principal.kind === "user") {
        identity.access = principal;
        identity.accessUser = principal.email;
      } else {
        const name = access?.serviceTokens && Object.hasOwn(access.serviceTokens, principal.clientId) ? access.serviceTokens[principal.clientId] : undefined;
        identity.access = name === undefined ? principal : { ...principal, name };
      }
    }
    return { ok: true, identity };
  };
}

/** Normalizes the options' configuration (or the environment's) and applies the no-check rule. */
function resolveSetup(options: GateOptions): GateSetup {
  const given = options.config;
  const setup: GateSetup = given === undefined ? configFromEnv(options.env ?? process.env) : "problems" in given || "config" in given ? given : { config: given };
  if ("problems" in setup) return setup;
  const { mtls, access } = setup.config;
  if (!mtls && !access && !options.allowNoChecks && !setup.uncheckedOnPurpose) {
    return { problems: ["no check configured: set MTLS_VERIFY=true (and MTLS_CA_BUNDLE) and/or ACCESS_TEAM_DOMAIN and ACCESS_AUD; MTLS_VERIFY=false runs unchecked on purpose"] };
  }
  return setup;
}

/** An error as a log field: its name, and its message and stack with the request's credentials scrubbed. */
function errorFields(e: unknown, secrets: string[]) {
  const err = e instanceof Error ? e : new Error(String(e));
  return { error: err.name, detail: redactText(String(err.stack ?? err.message), secrets).slice(0, 4000) };
}

/**
 * Wraps an ALB Lambda handler with the gate's checks. The handler receives `event.gate`
 * (GateIdentity) and, unless `passCredentials`, an event without the consumed credentials.
 */
export function withGate<E extends object = AlbEvent, C = unknown, R = AlbResult>(
  handler: (event: GatedEvent<E>, context: C) => R | Promise<R>,
  options: GateOptions = {},
): (event: E, context: C) => Promise<R | AlbResult> {
  const log = options.log ?? { warn: (line: string) => console.warn(line), error: (line: string) => console.error(line) };
  let ready: { setup: GateSetup; check?: (event: AlbEvent) => Promise<Outcome> } | undefined;
  const prepare = () => {
    if (ready) return ready;
    let setup: GateSetup;
    try {
      setup = resolveSetup(options);
    } catch (e) {
      setup = { problems: [`reading the configuration failed: ${(e as Error).name}`] };
    }
    if ("problems" in setup) log.error(JSON.stringify({ message: "gate misconfigured", problems: setup.problems }));
    ready = { setup, check: "config" in setup ? createChecks(setup.config, options) : undefined };
    return ready;
  };

  return async (event, context) => {
    const { check } = prepare();
    if (!check) return json(500, { error: "backend misconfigured" });
    const request = (typeof event === "object" && event !== null ? event : {}) as AlbEvent;
    let outcome: Outcome;
    try {
      outcome = await check(request);
    } catch (e) {
      log.error(JSON.stringify({ message: "gate check failed", ...errorFields(e, credentialValues(request)) }));
      return json(500, { error: "internal error" });
    }
    if (!outcome.ok) {
      log.warn(JSON.stringify({ message: "request refused", reason: outcome.reason, ...(outcome.detail ? { detail: outcome.detail } : {}) }));
      return outcome.status === 503 ? json(503, { error: "unavailable", reason: outcome.reason }) : json(403, { error: "forbidden", reason: outcome.reason });
    }
    const passed = options.passCredentials ? { ...request } : stripGateCredentials(request);
    try {
      return await handler({ ...passed, gate: outcome.identity } as unknown as GatedEvent<E>, context);
    } catch (e) {
      log.error(JSON.stringify({ message: "handler failed", ...errorFields(e, credentialValues(request)) }));
      return json(500, { error: "internal error" });
    }
  };
}
