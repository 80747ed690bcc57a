/**
 * The published key set's cache, against a local HTTP server on 127.0.0.1 (closed at the end).
 * Each test has an endpoint of its own on that server (its mode, key set and request count), so
 * the tests run concurrently: those that wait for the fetch deadline wait together.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { webcrypto } from "node:crypto";
import { SignJWT, exportJWK, type JWK } from "jose";
import { createAccessJwtVerifier } from "../../functions/lib/access-jwt";
import { setUpOnce } from "../run-specs";
import { unknownKidToken } from "../jwt-fixtures";
import { rsaCryptoKeys } from "../test-keys";

const TEAM = "acme.cloudflareaccess.com";
const AUD = "aud-tag";
type Mode = "ok" | "403" | "503" | "garbage" | "not-a-key-set" | "hang" | "dribble" | "huge";
type Key = { kid: string; jwk: JWK; privateKey: webcrypto.CryptoKey };
/** A test's endpoint: what it answers, with which keys, and how often it was asked. */
interface Endpoint {
  readonly url: string;
  mode: Mode;
  keys: Key[];
  requests: number;
}
const endpoints = new Map<string, Endpoint>();
const held: ServerResponse[] = [];
let server: Server;
let k1: Key;

async function newKey(kid: string): Promise<Key> {
  const pair = await rsaCryptoKeys(`jwks-${kid}`);
  return { kid, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: "RS256" }, privateKey: pair.privateKey };
}

/** Server and key, made once; every test awaits them (setUpOnce). */
const ready = setUpOnce(start);

async function start() {
  k1 = await newKey("k1");
  server = createServer((req, res) => {
    const endpoint = endpoints.get(String(req.url).split("/")[1]);
    if (!endpoint) return res.writeHead(404).end();
    endpoint.requests++;
    switch (endpoint.mode) {
      case "ok":
        return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: endpoint.keys.map((k) => k.jwk) }));
      case "403":
      case "503":
        return res.writeHead(Number(endpoint.mode)).end("{}");
      case "garbage":
        return res.writeHead(200).end("<html>not json");
      case "not-a-key-set":
        return res.writeHead(200).end('{"keys":"nope"}');
      case "huge":
        return res.writeHead(200).end(JSON.stringify({ keys: [], pad: "x".repeat(100_000) }));
      case "hang":
        held.push(res);
        return undefined;
      case "dribble": {
        res.writeHead(200).write('{"keys":[');
        held.push(res);
        return undefined;
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
}

afterAll(async () => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A new endpoint on the server, answering `mode` with the key k1. */
async function endpoint(mode: Mode = "ok"): Promise<Endpoint> {
  await ready();
  const id = `endpoint-${endpoints.size}`;
  const e: Endpoint = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/${id}/cdn-cgi/access/certs`, mode, keys: [k1], requests: 0 };
  endpoints.set(id, e);
  return e;
}

const token = (key = k1, kid = key.kid) =>
  new SignJWT({ email: "alice@example.com" }).setProtectedHeader({ alg: "RS256", kid }).setIssuer(`https://${TEAM}`).setAudience(AUD).setExpirationTime("5m").sign(key.privateKey);

const unknownKid = (kid: string) => unknownKidToken(kid, { iss: `https://${TEAM}`, aud: AUD });

/**
 * The fetch deadline here: long enough for a local answer on a busy machine (these tests run
 * beside the rest of the suite), short enough that the endpoints that never finish answering are
 * given up on quickly; those tests wait for it together.
 */
const DEADLINE_MS = 1000;

function verifier(at: Endpoint, clock = { t: 0 }) {
  return createAccessJwtVerifier({ teamDomain: TEAM, audience: AUD, jwksUrl: at.url, keySet: { timeoutMs: DEADLINE_MS, now: () => clock.t } });
}

describe("published key set", () => {
  it.concurrent("is fetched once, and concurrent first requests share the fetch", async () => {
    const at = await endpoint();
    const verify = verifier(at);
    const results = await Promise.all(Array.from({ length: 20 }, async () => verify(await token())));
    expect(results.every((r) => r.ok)).toBe(true);
    await verify(await token());
    expect(at.requests).toBe(1);
  });

  it.concurrent("random unknown kids: at most one fetch per 30 s cooldown, whatever their number", async () => {
    const at = await endpoint();
    const clock = { t: 0 };
    const verify = verifier(at, clock);
    expect((await verify(await token())).ok).toBe(true); // fetch 1
    const results = new Set<string>();
    for (let i = 0; i < 200; i++) {
      clock.t = i * 100; // 0 … 19.9 s
      results.add(JSON.stringify(await verify(unknownKid(`random-${i}`))));
    }
    expect([...results].map((r) => JSON.parse(r))).toEqual([{ ok: false, reason: "invalid", detail: "ERR_JWKS_NO_MATCHING_KEY" }]);
    expect(at.requests).toBe(1);
    clock.t = 30_000;
    for (let i = 0; i < 50; i++) await verify(unknownKid(`again-${i}`));
    expect(at.requests).toBe(2); // one refetch for 50 more unknown kids
  });

  it.concurrent("a rotated key is picked up after the cooldown, without a redeploy", async () => {
    const at = await endpoint();
    const clock = { t: 0 };
    const verify = verifier(at, clock);
    await verify(await token());
    const rotated = await newKey("k2");
    at.keys = [k1, rotated];
    expect((await verify(await token(rotated))).ok).toBe(false); // within the cooldown
    clock.t = 31_000;
    expect(await verify(await token(rotated))).toMatchObject({ ok: true, principal: { email: "alice@example.com" } });
  });

  it.concurrent.each<[Mode]>([["403"], ["503"], ["garbage"], ["not-a-key-set"], ["huge"], ["hang"], ["dribble"]])(
    "endpoint %s: keys_unavailable within the fetch deadline, then fast with no new fetch for 5 s",
    async (failing) => {
      const at = await endpoint(failing);
      const clock = { t: 0 };
      const verify = verifier(at, clock);
      const started = Date.now();
      expect(await verify(await token())).toMatchObject({ ok: false, reason: "keys_unavailable" });
      expect(Date.now() - started).toBeLessThan(DEADLINE_MS + 1500); // a margin for a busy machine
      clock.t = 4_999;
      for (let i = 0; i < 20; i++) expect(await verify(await token())).toMatchObject({ ok: false, reason: "keys_unavailable" });
      expect(at.requests).toBe(1);
      at.mode = "ok";
      clock.t = 5_000;
      expect((await verify(await token())).ok).toBe(true);
      expect(at.requests).toBe(2);
    },
  );

  it.concurrent("keeps using a set up to 1 h old while refreshes fail, then refuses", async () => {
    const at = await endpoint();
    const clock = { t: 0 };
    const verify = verifier(at, clock);
    expect((await verify(await token())).ok).toBe(true);
    at.mode = "503";
    clock.t = 11 * 60_000; // past the 10 min max age: refresh fails, stale set used
    expect((await verify(await token())).ok).toBe(true);
    clock.t = 61 * 60_000;
    expect(await verify(await token())).toMatchObject({ ok: false, reason: "keys_unavailable" });
    expect(at.requests).toBe(3);
  });

  it.concurrent("an unreachable host (connection refused) is keys_unavailable", async () => {
    await ready();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const verify = createAccessJwtVerifier({ teamDomain: TEAM, audience: AUD, jwksUrl: `http://127.0.0.1:${port}/certs`, keySet: { timeoutMs: DEADLINE_MS } });
    expect(await verify(await token())).toMatchObject({ ok: false, reason: "keys_unavailable" });
  });
});
