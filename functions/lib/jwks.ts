/**
 * The Access team's published key set (`/cdn-cgi/access/certs`), fetched and cached with bounds
 * a request cannot push past:
 * - at most one fetch in flight; concurrent requests share it;
 * - a fetch gives up after `timeoutMs` (connect, headers and body together) or `maxBytes`;
 * - a token with an unknown `kid` refetches only when the last attempt is `cooldownMs` old, so
 *   random `kid`s cost at most one fetch per `cooldownMs` per instance;
 * - after a failed fetch, nothing is fetched for `retryMs`: requests that need keys fail fast;
 * - the set is refreshed after `maxAgeMs`; while refreshes fail, it is used up to `maxStaleMs`.
 * So whatever the requests, attempts are at least `retryMs` apart.
 * When no usable set is available the getter throws `KeySetUnavailable` (the gate answers 503).
 * Plain `node:http(s)` rather than `fetch`: on Node 20/22 the first `fetch` loads undici, which
 * costs a cold start tens of milliseconds.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";

export class KeySetUnavailable extends Error {}

export interface RemoteKeySetOptions {
  /** Whole-fetch deadline. @default 1500 (the function's timeout is 3 s) */
  readonly timeoutMs?: number;
  /** Larger answers are refused. @default 65536 */
  readonly maxBytes?: number;
  /** Minimum age of the last attempt before an unknown `kid` triggers a fetch. @default 30000 */
  readonly cooldownMs?: number;
  /** No fetch for this long after a failed one. @default 5000 */
  readonly retryMs?: number;
  /** Refresh a set older than this. @default 600000 (10 min) */
  readonly maxAgeMs?: number;
  /** Keep using a set this old while refreshes fail. @default 3600000 (1 h) */
  readonly maxStaleMs?: number;
  /** Clock in milliseconds, for tests. @default Date.now */
  readonly now?: () => number;
}

export type RemoteKeySet = JWTVerifyGetKey & {
  /** Fetch attempts so far (for tests and the bench). */
  readonly fetches: () => number;
};

/** GETs `url` and parses JSON; rejects on a non-200 status, a redirect, the deadline or the size limit. */
function download(url: URL, timeoutMs: number, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, { method: "GET", agent: false, headers: { accept: "application/json" } });
    const deadline = setTimeout(() => request.destroy(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
    const settle = (error: Error | undefined, value?: unknown) => {
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve(value);
    };
    request.on("error", (e) => settle(e));
    request.on("response", (response) => {
      if (response.statusCode !== 200) {
        request.destroy();
        return settle(new Error(`HTTP ${response.statusCode}`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) request.destroy(new Error(`key set over ${maxBytes} bytes`));
        else chunks.push(chunk);
      });
      response.on("error", (e) => settle(e));
      response.on("end", () => {
        try {
          settle(undefined, JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch {
          settle(new Error("key set is not JSON"));
        }
      });
    });
    request.end();
  });
}

export function createRemoteKeySet(url: URL, options: RemoteKeySetOptions = {}): RemoteKeySet {
  const {
    timeoutMs = 1500,
    maxBytes = 65536,
    cooldownMs = 30_000,
    retryMs = 5_000,
    maxAgeMs = 600_000,
    maxStaleMs = 3_600_000,
    now = Date.now,
  } = options;
  let local: JWTVerifyGetKey | undefined;
  let fetchedAt = -Infinity;
  let lastAttempt = -Infinity;
  let pending: Promise<void> | undefined;
  let fetches = 0;

  /** Joins the fetch in flight, or starts one if the last attempt is `spacingMs` old; else undefined. */
  const refresh = (spacingMs: number): Promise<void> | undefined => {
    if (pending) return pending;
    if (now() - lastAttempt < spacingMs) return undefined;
    lastAttempt = now();
    fetches++;
    pending = download(url, timeoutMs, maxBytes)
      .then((json) => {
        local = createLocalJWKSet(json as JSONWebKeySet); // throws on anything but {"keys":[…]}
        fetchedAt = now();
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
  const tryRefresh = async (spacingMs: number): Promise<boolean> => {
    try {
      const running = refresh(spacingMs);
      if (!running) return false;
      await running;
      return true;
    } catch {
      return false;
    }
  };

  const getKey: JWTVerifyGetKey = async (header, token) => {
    if (!local || now() - fetchedAt > maxAgeMs) {
      await tryRefresh(retryMs);
      if (!local || now() - fetchedAt > maxStaleMs) throw new KeySetUnavailable("the Access key set is unavailable");
    }
    try {
      return await local(header, token);
    } catch (e) {
      if (!(e instanceof errors.JWKSNoMatchingKey)) throw e;
      const before = fetches;
      const refreshed = await tryRefresh(cooldownMs);
      if (!refreshed && fetches > before) throw new KeySetUnavailable("the Access key set is unavailable");
      if (!refreshed) throw e; // cooling down: the kid is unknown
      return local(header, token);
    }
  };
  return Object.assign(getKey, { fetches: () => fetches });
}
