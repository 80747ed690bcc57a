/**
 * Cloudflare Access JWT check at the origin (`Cf-Access-Jwt-Assertion`): proves the request went
 * through Access, not merely through Cloudflare. RS256 only; `iss` must be the team domain, `aud`
 * the Access application's AUD tag, and the token must carry an unexpired `exp`.
 *
 * Keys: the team's published set (`/cdn-cgi/access/certs`), fetched once per cold start and cached
 * (10 min); a token with an unknown `kid` makes jose refetch the set (at most every 30 s), so key
 * rotation needs no redeploy.
 */
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";

export interface AccessJwtOptions {
  /** Team domain, e.g. `myteam.cloudflareaccess.com`. */
  readonly teamDomain: string;
  /** The Access application's AUD tag. */
  readonly audience: string;
  /** Key set; default the team's published keys. Tests give a local set. */
  readonly jwks?: JWTVerifyGetKey;
  /** Clock, for tests. */
  readonly now?: () => Date;
}

export type AccessJwtResult =
  | { readonly ok: true; readonly email?: string; readonly subject?: string }
  | { readonly ok: false; readonly reason: "missing" | "invalid"; /** For logs only, never for the client. */ readonly detail?: string };

export function createAccessJwtVerifier(options: AccessJwtOptions): (token: string | undefined) => Promise<AccessJwtResult> {
  const keys =
    options.jwks ??
    createRemoteJWKSet(new URL(`https://${options.teamDomain}/cdn-cgi/access/certs`), {
      cacheMaxAge: 10 * 60_000,
      cooldownDuration: 30_000,
      timeoutDuration: 2_000, // the function's own timeout is 3 s
    });
  return async (token) => {
    if (token === undefined || token === "") return { ok: false, reason: "missing" };
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ["RS256"],
        issuer: `https://${options.teamDomain}`,
        audience: options.audience,
        requiredClaims: ["exp"],
        clockTolerance: 5,
        currentDate: options.now?.(),
      });
      return { ok: true, email: typeof payload.email === "string" ? payload.email : undefined, subject: payload.sub };
    } catch (e) {
      const err = e as { code?: string; message?: string };
      return { ok: false, reason: "invalid", detail: err.code ?? err.message };
    }
  };
}
