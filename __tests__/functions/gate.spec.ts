/** withGate: the checks in front of a user's handler, the redaction rule, and robustness on any input. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { webcrypto } from "node:crypto";
import { SignJWT, createLocalJWKSet, exportJWK, type JWK, type JWTVerifyGetKey } from "jose";
import { createHandler, configFromEnv as guardConfig } from "../../functions/guard";
import { configFromEnv, withGate, type AlbEvent, type GatedEvent, type GateOptions } from "../../functions/lib/gate";
import { Issued, albHeader, issue } from "../tls-fixtures";
import { unknownKidToken } from "../jwt-fixtures";
import { rsaCryptoKeys } from "../test-keys";

const TEAM = "acme.cloudflareaccess.com";
const AUD = "aud-tag";
let root: Issued, leaf: Issued;
let jwk: JWK, jwks: JWTVerifyGetKey, signingKey: webcrypto.CryptoKey;
let server: Server, jwksUrl: string;
let jwksMode: "ok" | "503" | "hang" = "ok";
let jwksRequests = 0;

beforeAll(async () => {
  root = await issue({ subject: "CN=Root CA,O=My Organization", ca: true });
  leaf = await issue({ subject: "CN=Client Certificate,O=My Organization", issuer: root });
  const pair = await rsaCryptoKeys("gate-jwt");
  signingKey = pair.privateKey;
  jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256" };
  jwks = createLocalJWKSet({ keys: [jwk] });
  server = createServer((_req, res) => {
    jwksRequests++;
    if (jwksMode === "ok") res.writeHead(200).end(JSON.stringify({ keys: [jwk] }));
    else if (jwksMode === "503") res.writeHead(503).end();
    // "hang": never answers; closed in afterAll
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cdn-cgi/access/certs`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const jwt = (kid = "k1") =>
  new SignJWT({ email: "alice@example.com" }).setProtectedHeader({ alg: "RS256", kid }).setIssuer(`https://${TEAM}`).setAudience(AUD).setExpirationTime("5m").sign(signingKey);
const unknownKidJwt = (kid: string) => unknownKidToken(kid, { iss: `https://${TEAM}`, aud: AUD });
const env = () => ({ MTLS_VERIFY: "true", MTLS_CA_BUNDLE: root.pem, ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD });

/** Log lines, collected instead of printed. */
function collector() {
  const lines: string[] = [];
  return { lines, log: { warn: (l: string) => lines.push(l), error: (l: string) => lines.push(l) } };
}

type Seen = GatedEvent<AlbEvent>;
function app(options: Partial<GateOptions> = {}) {
  const seen: Seen[] = [];
  const { lines, log } = collector();
  const handler = withGate<AlbEvent, unknown>(
    async (event) => {
      seen.push(event);
      return { statusCode: 200, body: "app", headers: {} };
    },
    { env: env(), jwks, log, ...options },
  );
  return { seen, lines, call: (event: unknown) => handler(event as AlbEvent, {}) };
}

const request = (headers: Record<string, string>): AlbEvent => ({ httpMethod: "GET", path: "/", headers: { host: "app.example.com", ...headers } });

describe("withGate", () => {
  it("calls the handler with event.gate and without the credentials it consumed; the app's cookies and authorization stay", async () => {
    const { seen, call } = app();
    const token = await jwt();
    const res = await call(
      request({
        "x-amzn-mtls-clientcert": albHeader(leaf),
        "cf-access-jwt-assertion": token,
        cookie: `theme=dark; CF_Authorization=${token}; session=s3cr3t-app-session`,
        authorization: "Bearer app-token",
      }),
    );
    expect(res).toEqual({ statusCode: 200, body: "app", headers: {} });
    expect(seen[0].gate).toEqual({
      clientCertificate: expect.objectContaining({ subject: "CN=Client Certificate,O=My Organization", issuer: "CN=Root CA,O=My Organization" }),
      access: { kind: "user", email: "alice@example.com" },
      accessUser: "alice@example.com",
    });
    expect(seen[0].headers).toEqual({ host: "app.example.com", cookie: "theme=dark; session=s3cr3t-app-session", authorization: "Bearer app-token" });
  });

  describe("who came: a person or a service token", () => {
    const CLIENT_ID = "88bf3b6d86161464f6509f7219099e57.access";
    /** A service token's Access JWT: no e-mail, an empty `sub`, the client ID in `common_name`. */
    const machineJwt = (claims: Record<string, unknown> = { common_name: CLIENT_ID }) =>
      new SignJWT({ sub: "", type: "app", ...claims }).setProtectedHeader({ alg: "RS256", kid: "k1" }).setIssuer(`https://${TEAM}`).setAudience(AUD).setExpirationTime("5m").sign(signingKey);
    const named = () => ({ ...env(), ACCESS_SERVICE_TOKENS: JSON.stringify({ [CLIENT_ID]: "uptime-probe" }) });

    it("a service token: access.kind serviceToken with its client ID and, where the stack named it, its name; no accessUser", async () => {
      const { seen, call } = app({ env: named() });
      const res = await call(request({ "x-amzn-mtls-clientcert": albHeader(leaf), "cf-access-jwt-assertion": await machineJwt(), "cf-access-client-id": CLIENT_ID, "cf-access-client-secret": "s3cr3t-token-secret" }));
      expect(res.statusCode).toBe(200);
      expect(seen[0].gate.access).toEqual({ kind: "serviceToken", clientId: CLIENT_ID, name: "uptime-probe" });
      expect(seen[0].gate.accessUser).toBeUndefined();
      expect(JSON.stringify(seen[0])).not.toContain("s3cr3t-token-secret");
    });

    it("a service token the stack did not name: the client ID only", async () => {
      const { seen, call } = app({ env: named() });
      await call(request({ "x-amzn-mtls-clientcert": albHeader(leaf), "cf-access-jwt-assertion": await machineJwt({ common_name: "ffff.access" }) }));
      expect(seen[0].gate.access).toEqual({ kind: "serviceToken", clientId: "ffff.access" });
    });

    it("the names map is not a prototype: a client ID called __proto__ or toString gets no name", async () => {
      const { seen, call } = app({ env: named() });
      for (const id of ["__proto__", "toString"]) await call(request({ "x-amzn-mtls-clientcert": albHeader(leaf), "cf-access-jwt-assertion": await machineJwt({ common_name: id }) }));
      expect(seen.map((e) => e.gate.access)).toEqual([{ kind: "serviceToken", clientId: "__proto__" }, { kind: "serviceToken", clientId: "toString" }]);
    });

    it("a token that names nobody (no e-mail, no common_name) is refused, and the handler is not called", async () => {
      const { seen, call, lines } = app();
      const res = await call(request({ "x-amzn-mtls-clientcert": albHeader(leaf), "cf-access-jwt-assertion": await machineJwt({ sub: "user-123" }) }));
      expect(res).toMatchObject({ statusCode: 403, body: '{"error":"forbidden","reason":"access_token_invalid"}' });
      expect(seen).toHaveLength(0);
      expect(lines).toEqual(['{"message":"request refused","reason":"access_token_invalid","detail":"ERR_JWT_NO_IDENTITY"}']);
    });

    it.each([
      ["not JSON", "uptime-probe", "ACCESS_SERVICE_TOKENS must be a JSON object"],
      ["an array", '["uptime-probe"]', "ACCESS_SERVICE_TOKENS must be a JSON object"],
      ["an empty name", '{"x.access":""}', "ACCESS_SERVICE_TOKENS must be a JSON object"],
    ])("ACCESS_SERVICE_TOKENS %s: misconfigured", (_, value, problem) => {
      expect(configFromEnv({ ...env(), ACCESS_SERVICE_TOKENS: value })).toEqual({ problems: [expect.stringContaining(problem)] });
    });

    it("ACCESS_SERVICE_TOKENS without the Access check: misconfigured", () => {
      expect(configFromEnv({ MTLS_VERIFY: "false", ACCESS_SERVICE_TOKENS: "{}" })).toEqual({ problems: ["ACCESS_SERVICE_TOKENS needs ACCESS_TEAM_DOMAIN and ACCESS_AUD"] });
    });
  });

  it("passCredentials leaves them in", async () => {
    const { seen, call } = app({ passCredentials: true });
    const token = await jwt();
    await call(request({ "x-amzn-mtls-clientcert": albHeader(leaf), "cf-access-jwt-assertion": token, cookie: `CF_Authorization=${token}` }));
    expect(seen[0].headers).toMatchObject({ "cf-access-jwt-assertion": token, cookie: `CF_Authorization=${token}` });
  });

  it("a refused request gets 403 with the reason, and the handler is not called", async () => {
    const { seen, call, lines } = app();
    expect(await call(request({ "x-amzn-mtls-clientcert": albHeader(leaf) }))).toEqual({
      statusCode: 403,
      body: '{"error":"forbidden","reason":"access_token_missing"}',
      headers: { "Content-Type": "application/json" },
    });
    expect(seen).toHaveLength(0);
    expect(lines).toEqual(['{"message":"request refused","reason":"access_token_missing"}']);
  });

  it("reads the environment once, at the first request", async () => {
    const vars: Record<string, string> = { MTLS_VERIFY: "true", MTLS_CA_BUNDLE: root.pem };
    const { call } = app({ env: vars });
    expect((await call(request({ "x-amzn-mtls-clientcert": albHeader(leaf) }))).statusCode).toBe(200);
    vars.MTLS_ALLOWED_SUBJECTS = '["CN=Nobody"]';
    expect((await call(request({ "x-amzn-mtls-clientcert": albHeader(leaf) }))).statusCode).toBe(200);
  });

  it("misconfigured: 500 for every request, problems logged once, handler never called", async () => {
    for (const vars of [{ MTLS_VERIFY: "true" }, {}, { ACCESS_TEAM_DOMAIN: "https://acme.cloudflareaccess.com/", ACCESS_AUD: AUD }, { MTLS_ALLOWED_SUBJECTS: '["CN=x"]' }]) {
      const { seen, call, lines } = app({ env: vars });
      for (let i = 0; i < 3; i++) expect(await call(request({}))).toMatchObject({ statusCode: 500, body: '{"error":"backend misconfigured"}' });
      expect(seen).toHaveLength(0);
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]).message).toBe("gate misconfigured");
    }
  });

  it("no check at all is a misconfiguration, unless MTLS_VERIFY=false says so", async () => {
    const { lines, call } = app({ env: {} });
    expect((await call(request({}))).statusCode).toBe(500);
    expect(lines[0]).toContain("no check configured");
    const unchecked = app({ env: { MTLS_VERIFY: "false" } });
    expect((await unchecked.call(request({}))).statusCode).toBe(200);
    expect(unchecked.seen[0].gate).toEqual({});
  });

  it("reports subject allow-list entries that are not RFC 4514", () => {
    expect(configFromEnv({ MTLS_VERIFY: "true", MTLS_CA_BUNDLE: root.pem, MTLS_ALLOWED_SUBJECTS: '["CN=a;O=b"]' })).toEqual({
      problems: ['MTLS_ALLOWED_SUBJECTS entry 1: ";" must be escaped at character 5 of "CN=a;O=b"'],
    });
  });

  it("a handler that throws: 500 JSON, the error logged with the request's credentials scrubbed", async () => {
    const { lines, log } = collector();
    const token = await jwt();
    const handler = withGate(
      async (event: GatedEvent<AlbEvent>) => {
        throw new Error(`cannot handle ${JSON.stringify(event)} with ${token} and session=s3cr3t-app-session; ${JSON.stringify(token.slice(0, 20))}`);
      },
      { env: env(), jwks, log },
    );
    const res = await handler(request({ "x-amzn-mtls-clientcert": albHeader(leaf), "cf-access-jwt-assertion": token, cookie: "session=s3cr3t-app-session" }), {});
    expect(res).toEqual({ statusCode: 500, body: '{"error":"internal error"}', headers: { "Content-Type": "application/json" } });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ message: "handler failed", error: "Error", detail: expect.stringContaining("cannot handle") });
    for (const secret of [token, token.slice(0, 20), "s3cr3t-app-session", "BEGIN"]) expect(lines[0]).not.toContain(secret);
  });
});

describe("nothing secret is ever reflected or logged", () => {
  /** Every credential-bearing header and cookie, single- and multi-value. */
  async function everything() {
    const token = await jwt();
    const secrets = {
      cert: albHeader(leaf),
      token,
      leafHeader: encodeURIComponent(leaf.pem),
      authorization: "Basic dXNlcjpwYXNzd29yZA==",
      proxy: "Bearer proxy-secret-123",
      clientSecret: "service-token-secret-456",
      appSession: "app-session-789",
      appSession2: "second-cookie-abc",
    };
    const headers = {
      "X-Amzn-Mtls-Clientcert": secrets.cert,
      "x-amzn-mtls-clientcert-leaf": secrets.leafHeader,
      "Cf-Access-Jwt-Assertion": token,
      Authorization: secrets.authorization,
      "proxy-authorization": secrets.proxy,
      "cf-access-client-secret": secrets.clientSecret,
      Cookie: `CF_Authorization=${token}; session=${secrets.appSession}`,
      "user-agent": "curl",
    };
    const multi = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, k === "Cookie" ? [v, `other=${secrets.appSession2}`] : [v]]));
    return { secrets: Object.values(secrets), single: request(headers), multi: { path: "/", multiValueHeaders: multi } as AlbEvent };
  }

  it("in the guard's echo (single and multi-value events), and in every log line", async () => {
    const { secrets, single, multi } = await everything();
    const lines: string[] = [];
    const spies = (["log", "info", "warn", "error"] as const).map((m) => jest.spyOn(console, m).mockImplementation((...args) => void lines.push(args.join(" "))));
    try {
      const guard = createHandler(guardConfig(env()), { jwks });
      const answers = [await guard(single), await guard(multi)];
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
      const body = JSON.parse(answers[0].body);
      expect(body.event.headers).toEqual({ Cookie: "CF_Authorization=[REDACTED]; session=[REDACTED]", "user-agent": "curl", host: "app.example.com" });
      expect(JSON.parse(answers[1].body).event.multiValueHeaders).toEqual({
        Cookie: ["CF_Authorization=[REDACTED]; session=[REDACTED]", "other=[REDACTED]"],
        "user-agent": ["curl"],
      });
      // Refused, misconfigured and unchecked guards too.
      answers.push(await createHandler(guardConfig({ ...env(), MTLS_ALLOWED_SERIALS: '["01"]' }), { jwks })(single));
      answers.push(await createHandler(guardConfig({ MTLS_VERIFY: "true" }))(single));
      answers.push(await createHandler(guardConfig({}))(multi));
      expect(answers.slice(2).map((a) => a.statusCode)).toEqual([403, 500, 200]);
      for (const text of [...answers.map((a) => a.body), ...lines]) for (const secret of secrets) expect(text).not.toContain(secret);
      expect(lines.length).toBeGreaterThan(0);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe("robustness: any request input, any key-set endpoint", () => {
  const garbage: [string, unknown][] = [
    ["no event", undefined],
    ["a string event", "GET /"],
    ["headers as an array", { headers: ["x-amzn-mtls-clientcert", "x"] }],
    ["non-string header values", { headers: { "x-amzn-mtls-clientcert": 5, "cf-access-jwt-assertion": { a: 1 }, cookie: null } }],
    ["multi-value headers that are not arrays", { multiValueHeaders: { "x-amzn-mtls-clientcert": "x", cookie: "a=b" } }],
    ["a 1 MB certificate header", { headers: { "x-amzn-mtls-clientcert": "A".repeat(1 << 20) } }],
    ["2000 values of one header", { multiValueHeaders: { "x-amzn-mtls-clientcert": Array.from({ length: 2000 }, (_, i) => `v${i}`) } }],
    ["lone surrogates and control characters", { headers: { "x-amzn-mtls-clientcert": "\ud800%00\u0000\r\n-----BEGIN CERTIFICATE-----", cookie: "\ud800=\udfff;;=;" } }],
    ["latin-1 and percent-encoded UTF-8", { headers: { "x-amzn-mtls-clientcert": "%C3%A9\xe9%", "cf-access-jwt-assertion": "é.é.é" } }],
    ["a prototype-polluting header name", JSON.parse('{"headers":{"__proto__":{"x":1},"constructor":"y"}}')],
  ];

  it.each(garbage)("%s: a 403 with a reason, never a throw", async (_, event) => {
    const { call, seen } = app();
    const res = await call(event);
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body)).toEqual({ error: "forbidden", reason: expect.stringMatching(/^client_certificate_(missing|malformed)$/) });
    expect(seen).toHaveLength(0);
  });

  it("two different values of a credential header are refused, in both event forms", async () => {
    const { call } = app();
    const cert = albHeader(leaf);
    const other = albHeader(await issue({ subject: "CN=Other", issuer: root }));
    expect(JSON.parse((await call({ multiValueHeaders: { "x-amzn-mtls-clientcert": [cert, other] } })).body).reason).toBe("client_certificate_malformed");
    expect(JSON.parse((await call({ headers: { "X-Amzn-Mtls-Clientcert": cert, "x-amzn-mtls-clientcert": other } })).body).reason).toBe("client_certificate_malformed");
    const token = await jwt();
    const tokens = { "x-amzn-mtls-clientcert": [cert], "cf-access-jwt-assertion": [token, `${token}x`] };
    expect(JSON.parse((await call({ multiValueHeaders: tokens })).body).reason).toBe("access_token_invalid");
    expect((await call({ multiValueHeaders: { ...tokens, "cf-access-jwt-assertion": [token, token] } })).statusCode).toBe(200); // repeated, not different
  });

  it("a garbage or oversized token: 403 access_token_invalid", async () => {
    const { call } = app();
    for (const token of ["x", "a.b.c", "e30.e30.", (await jwt()) + "A".repeat(10_000), "\u0000".repeat(100)]) {
      const res = await call(request({ "x-amzn-mtls-clientcert": albHeader(leaf), "cf-access-jwt-assertion": token }));
      expect(JSON.parse(res.body)).toEqual({ error: "forbidden", reason: "access_token_invalid" });
    }
  });

  it("key set down (503) or hanging: 503 access_keys_unavailable within the fetch deadline, never a hang", async () => {
    for (const mode of ["503", "hang"] as const) {
      jwksMode = mode;
      const { call } = app({ jwks: undefined, jwksUrl, keySet: { timeoutMs: 300 } });
      const started = Date.now();
      const res = await call(request({ "x-amzn-mtls-clientcert": albHeader(leaf), "cf-access-jwt-assertion": await jwt() }));
      expect(res).toMatchObject({ statusCode: 503, body: '{"error":"unavailable","reason":"access_keys_unavailable"}' });
      expect(Date.now() - started).toBeLessThan(2000);
    }
    jwksMode = "ok";
  });

  it("100 random unknown kids through the gate: one key-set fetch", async () => {
    jwksMode = "ok";
    jwksRequests = 0;
    const { call } = app({ jwks: undefined, jwksUrl });
    const cert = albHeader(leaf);
    expect((await call(request({ "x-amzn-mtls-clientcert": cert, "cf-access-jwt-assertion": await jwt() }))).statusCode).toBe(200);
    const statuses = new Set<number>();
    for (let i = 0; i < 100; i++) {
      statuses.add((await call(request({ "x-amzn-mtls-clientcert": cert, "cf-access-jwt-assertion": unknownKidJwt(`kid-${Math.random()}`) }))).statusCode);
    }
    expect([...statuses]).toEqual([403]);
    expect(jwksRequests).toBe(1);
  });
});
