/**
 * Cloudflare Access JWT check at the origin (`Cf-Access-Jwt-Assertion`): proves the request went
 * through Access, not merely through Cloudflare. RS256 only; `iss` must be the team domain, `aud`
 * the Access application's AUD tag, and the token must carry an unexpired `exp` (5 s leeway).
 *
 * Keys: the team's published set (`https://<team domain>/cdn-cgi/access/certs`), fetched on first
 * use and cached with the bounds of `createRemoteKeySet` (jwks.ts): a token with an unknown `kid`
 * refetches at most once per 30 s, so key rotation needs no redeploy and random `kid`s cannot
 * turn into one fetch each. Never throws: every failure is a result.
 */
import { jwtVerify, type JWTVerifyGetKey } from "jose";
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

export type AccessJwtResult =
  | { readonly ok: true; readonly email?: string; readonly subject?: string }
  | { readonly ok: false; readonly reason: AccessJwtFailure; /** For logs only, never for the client: an error code, never token content. */ readonly detail?: string };

/** jose's error code, and for a claim check the claim's name: nothing taken from the token's text. */
function describe(e: unknown): string {
  const err = e as { code?: unknown; claim?: unknown };
  const code = typeof err?.code === "string" ? err.code : "ERR_UNKNOWN";
  return typeof err?.claim === "string" && /^[a-z_]{1,20}$/.test(err.claim) ? `${code}:${err.claim}` : code;
}

export function createAccessJwtVerifier(options: AccessJwtOptions): (token: string | undefined) => Promise<AccessJwtResult> {
  const keys = options.jwks ?? createRemoteKeySet(new URL(options.jwksUrl ?? `https://${options.teamDomain}/cdn-cgi/access/certs`), options.keySet);
  const maxTokenBytes = options.maxTokenBytes ?? 8192;
  return async (token) => {
    if (typeof token !== "string" || token === "") return { ok: false, reason: "missing" };
    if (token.length > maxTokenBytes) return { ok: false, reason: "invalid", detail: "ERR_TOKEN_TOO_LONG" };
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ["RS256"],
        issuer: `https://${options.teamDomain}`,
        audience: options.audience,
        requiredClaims: ["exp"],
        clockTolerance: 5,
        currentDate: options.now?.(),
      });
      return { ok: true, email: typeof payload.email === "string" ? payload.email : undefined, subject: typeof payload.sub === "string" ? payload.sub : undefined };
    } catch (e) {
      if (e instanceof KeySetUnavailable) return { ok: false, reason: "keys_unavailable", detail: "ERR_KEY_SET_UNAVAILABLE" };
      return { ok: false, reason: "invalid", detail: describe(e) };
    }
  };
}
