/**
 * Cloudflare Access JWT check at the origin (`Cf-Access-Jwt-Assertion`): proves the request went
 * through Access, not merely through Cloudflare. RS256 only; `iss` must be the team domain, `aud`
 * the Access application's AUD tag, and the token must carry an unexpired `exp` (5 s leeway).
 *
 * Keys: the team's published set (`https://<team domain>/cdn-cgi/access/certs`), fetched on first
 * use and cached with the bounds of `createRemoteKeySet` (jwks.ts): a token with an unknown `kid`
 * refetches at most once per 30 s, so key rotation needs no redeploy and random `kid`s cannot
 * turn into one fetch each. Never throws: every failure is a result.
 *
 * The signature is checked synchronously with `node:crypto` (RSASSA-PKCS1-v1_5 with SHA-256).
 * WebCrypto, which a general JOSE library uses, queues every verification on libuv's thread pool:
 * on a small Lambda that put the 99th percentile of a full check near 4 ms, against well under
 * 1 ms here. The rules are those of RFC 7515/7519 for this one algorithm: a compact JWS of three
 * base64url parts, a header whose `alg` is exactly `RS256` and that names no `crit` extension,
 * an RSA public key of at least 2048 bits (a key set entry with `use` other than `sig` never
 * matches), then `iss`, `aud`, `exp` (required), `nbf` and `iat` with the leeway.
 *
 * Who came: a token from an identity-provider login carries the person's `email`; a token from a
 * non-identity ("Service Auth") policy, which is how a service token gets in, carries no `email`
 * and names the credential in `common_name` (for a service token, its client ID). A token with
 * neither names nobody and is refused (`ERR_JWT_NO_IDENTITY`).
 */
import { KeyObject, createPublicKey, verify, type JsonWebKey, type webcrypto } from "node:crypto";
import type { CompactJWSHeaderParameters, JWTVerifyGetKey } from "jose";
import { KeySetUnavailable, createRemoteKeySet, type RemoteKeySetOptions } from "./jwks";

export interface AccessJwtOptions {
  /** Team domain, e.g. `myteam.cloudflareaccess.com`. */
  readonly teamDomain: string;
  /** The Access application's AUD tag. */
  readonly audience: string;
  /** Key set; default the team's published keys. Tests give a local set. */
  readonly jwks?: JWTVerifyGetKey;
  /** Where the published keys are. @default `https://<teamDomain>/cdn-cgi/access/certs` */
  readonly jwksUrl?: string;
  /** Bounds of the published key set's cache (jwks.ts). */
  readonly keySet?: RemoteKeySetOptions;
  /** Longer tokens are refused as invalid without parsing. @default 8192 */
  readonly maxTokenBytes?: number;
  /** Clock, for tests. */
  readonly now?: () => Date;
}

export type AccessJwtFailure = "missing" | "invalid" | "keys_unavailable";

/** Who a verified token says came: a person (identity-provider login) or a machine (service token). */
export type AccessPrincipal =
  | {
      readonly kind: "user";
      /** The e-mail the identity provider verified. */
      readonly email: string;
      /** Access's user ID (`sub`), stable per e-mail and account. */
      readonly userId?: string;
    }
  | {
      readonly kind: "serviceToken";
      /** The credential the token names (`common_name`): for a service token, its client ID (`….access`). */
      readonly clientId: string;
    };

export type AccessJwtResult =
  | { readonly ok: true; readonly principal: AccessPrincipal }
  | { readonly ok: false; readonly reason: AccessJwtFailure; /** For logs only, never for the client: an error code, never token content. */ readonly detail?: string };

/** Leeway for `exp`, `nbf` and `iat`, in seconds. */
const CLOCK_TOLERANCE = 5;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A refusal with an error code (the same codes a JOSE library logs), and for a claim its name. */
class Refused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** The JSON object a base64url part encodes, or a refusal. */
function decodeObject(part: string, code: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // falls through to the refusal
  }
  throw new Refused(code);
}

const publicKeys = new WeakMap<object, KeyObject>();

/** What a key set returned, as a KeyObject (converted once per key): an RSA public key of 2048 bits or more. */
function rsaPublicKey(key: unknown): KeyObject {
  let keyObject: KeyObject | undefined;
  if (key instanceof KeyObject) keyObject = key;
  else if (key !== null && typeof key === "object") {
    keyObject = publicKeys.get(key);
    if (!keyObject) {
      try {
        keyObject = "kty" in key ? createPublicKey({ key: key as JsonWebKey, format: "jwk" }) : KeyObject.from(key as webcrypto.CryptoKey);
      } catch {
        throw new Refused("ERR_JOSE_INVALID_KEY");
      }
      publicKeys.set(key, keyObject);
    }
  }
  if (!keyObject || keyObject.type !== "public" || keyObject.asymmetricKeyType !== "rsa") throw new Refused("ERR_JOSE_INVALID_KEY");
  if ((keyObject.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new Refused("ERR_JOSE_INVALID_KEY");
  return keyObject;
}

/** Registered claims: `iss`, `aud`, `exp` (required), `nbf`, `iat`. */
function checkClaims(payload: Record<string, unknown>, issuer: string, audience: string, nowSeconds: number): void {
  if (payload.iss !== issuer) throw new Refused("ERR_JWT_CLAIM_VALIDATION_FAILED:iss");
  const aud = payload.aud;
  if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) throw new Refused("ERR_JWT_CLAIM_VALIDATION_FAILED:aud");
  if (typeof payload.exp !== "number" || !Number.isFinite(payload.exp)) throw new Refused("ERR_JWT_CLAIM_VALIDATION_FAILED:exp");
  if (payload.exp <= nowSeconds - CLOCK_TOLERANCE) throw new Refused("ERR_JWT_EXPIRED:exp");
  if (payload.nbf !== undefined && (typeof payload.nbf !== "number" || payload.nbf > nowSeconds + CLOCK_TOLERANCE)) throw new Refused("ERR_JWT_CLAIM_VALIDATION_FAILED:nbf");
  if (payload.iat !== undefined && (typeof payload.iat !== "number" || payload.iat > nowSeconds + CLOCK_TOLERANCE)) throw new Refused("ERR_JWT_CLAIM_VALIDATION_FAILED:iat");
}

const nonEmpty = (value: unknown): value is string => typeof value === "string" && value !== "";

/** The principal a token's claims name: `email` for a person, else `common_name` for a service token. */
function principalOf(payload: Record<string, unknown>): AccessPrincipal {
  if (nonEmpty(payload.email)) return { kind: "user", email: payload.email, ...(nonEmpty(payload.sub) ? { userId: payload.sub } : {}) };
  if (nonEmpty(payload.common_name)) return { kind: "serviceToken", clientId: payload.common_name };
  throw new Refused("ERR_JWT_NO_IDENTITY");
}

/** jose's error code (the key set's), or ours: nothing taken from the token's text. */
function describe(e: unknown): string {
  if (e instanceof Refused) return e.code;
  const code = (e as { code?: unknown })?.code;
  return typeof code === "string" && /^ERR_[A-Z_]{1,40}$/.test(code) ? code : "ERR_UNKNOWN";
}

export function createAccessJwtVerifier(options: AccessJwtOptions): (token: string | undefined) => Promise<AccessJwtResult> {
  const keys = options.jwks ?? createRemoteKeySet(new URL(options.jwksUrl ?? `https://${options.teamDomain}/cdn-cgi/access/certs`), options.keySet);
  const maxTokenBytes = options.maxTokenBytes ?? 8192;
  const issuer = `https://${options.teamDomain}`;
  return async (token) => {
    if (typeof token !== "string" || token === "") return { ok: false, reason: "missing" };
    if (token.length > maxTokenBytes) return { ok: false, reason: "invalid", detail: "ERR_TOKEN_TOO_LONG" };
    try {
      const parts = token.split(".");
      if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) throw new Refused("ERR_JWS_INVALID");
      const [encodedHeader, encodedPayload, encodedSignature] = parts;
      const header = decodeObject(encodedHeader, "ERR_JWS_INVALID");
      if (header.alg !== "RS256") throw new Refused("ERR_JOSE_ALG_NOT_ALLOWED");
      if (header.crit !== undefined) throw new Refused("ERR_JOSE_NOT_SUPPORTED");
      if (header.kid !== undefined && typeof header.kid !== "string") throw new Refused("ERR_JWS_INVALID");
      const payload = decodeObject(encodedPayload, "ERR_JWT_INVALID");
      const key = rsaPublicKey(await keys(header as CompactJWSHeaderParameters, { payload: encodedPayload, signature: encodedSignature }));
      const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`, "ascii");
      if (!verify("sha256", signed, key, Buffer.from(encodedSignature, "base64url"))) throw new Refused("ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
      checkClaims(payload, issuer, options.audience, Math.floor((options.now?.() ?? new Date()).getTime() / 1000));
      return { ok: true, principal: principalOf(payload) };
    } catch (e) {
      if (e instanceof KeySetUnavailable) return { ok: false, reason: "keys_unavailable", detail: "ERR_KEY_SET_UNAVAILABLE" };
      return { ok: false, reason: "invalid", detail: describe(e) };
    }
  };
}
