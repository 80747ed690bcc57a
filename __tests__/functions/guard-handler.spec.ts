import type { webcrypto } from "node:crypto";
import { SignJWT, createLocalJWKSet, exportJWK, type JWTVerifyGetKey } from "jose";
import { AlbEvent, configFromEnv, createHandler } from "../../functions/guard";
import { Issued, albHeader, issue } from "../tls-fixtures";
import { rsaCryptoKeys } from "../test-keys";

const TEAM = "acme.cloudflareaccess.com";
const AUD = "aud-tag";
let root: Issued, leaf: Issued, stranger: Issued;
let jwks: JWTVerifyGetKey, signingKey: webcrypto.CryptoKey;

beforeAll(async () => {
  root = await issue({ subject: "CN=Root CA,O=My Organization", ca: true });
  leaf = await issue({ subject: "CN=Client Certificate,O=My Organization", issuer: root });
  stranger = await issue({ subject: "CN=Client Certificate,O=My Organization", issuer: await issue({ subject: "CN=Other CA", ca: true }) });
  const pair = await rsaCryptoKeys("guard-jwt");
  signingKey = pair.privateKey;
  jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256" }] });
});

// Refusals are logged (reason only); keep the test output quiet.
beforeEach(() => jest.spyOn(console, "warn").mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

const jwt = (aud = AUD) =>
  new SignJWT({ email: "alice@example.com" }).setProtectedHeader({ alg: "RS256", kid: "k1" }).setIssuer(`https://${TEAM}`).setAudience(aud).setExpirationTime("5m").sign(signingKey);

function event(headers: Record<string, string>): AlbEvent {
  return {
    requestContext: { elb: { targetGroupArn: "arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:targetgroup/t/1" } },
    httpMethod: "GET",
    path: "/",
    headers: { host: "app.example.com", ...headers },
  };
}

const env = () => ({ MTLS_VERIFY: "true", MTLS_CA_BUNDLE: root.pem, ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD });
const guard = (vars: Record<string, string> = env()) => createHandler(configFromEnv(vars), { jwks });

describe("guard backend (pass-through mTLS + Access JWT)", () => {
  it("answers 200 like the echo backend, with who was verified, and strips the secrets it checked", async () => {
    const token = await jwt();
    const res = await guard()(event({ "x-amzn-mtls-clientcert": albHeader(leaf), "cf-access-jwt-assertion": token, "user-agent": "curl" }));
    expect(res.statusCode).toBe(200);
    expect(res.headers).toEqual({ "Content-Type": "application/json" });
    const body = JSON.parse(res.body);
    expect(body.message).toBe("Hello from Lambda!");
    expect(body.verified).toEqual({
      clientCertificate: expect.objectContaining({ subject: "CN=Client Certificate,O=My Organization", issuer: "CN=Root CA,O=My Organization" }),
      access: { kind: "user", email: "alice@example.com" },
      accessUser: "alice@example.com",
    });
    expect(body.event.headers).toEqual({ host: "app.example.com", "user-agent": "curl" });
    expect(body.event.requestContext.elb.targetGroupArn).toBe("[HIDDEN]");
    expect(res.body).not.toContain("BEGIN");
    expect(res.body).not.toContain(token);
  });

  it.each([
    ["no certificate", async () => ({}), "client_certificate_missing"],
    ["a certificate from another CA", async () => ({ "x-amzn-mtls-clientcert": albHeader(stranger) }), "client_certificate_untrusted"],
    ["garbage in the certificate header", async () => ({ "x-amzn-mtls-clientcert": "%%%" }), "client_certificate_malformed"],
    ["a valid certificate but no Access token", async () => ({ "x-amzn-mtls-clientcert": albHeader(leaf) }), "access_token_missing"],
    [
      "a valid certificate and a token for another application",
      async () => ({ "x-amzn-mtls-clientcert": albHeader(leaf), "cf-access-jwt-assertion": await jwt("other") }),
      "access_token_invalid",
    ],
  ])("answers 403 for %s, without echoing what was sent", async (_, headers, reason) => {
    const sent = await headers();
    const res = await guard()(event(sent as Record<string, string>));
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body)).toEqual({ error: "forbidden", reason });
    for (const value of Object.values(sent)) expect(res.body).not.toContain(value);
  });

  it("reads multi-value headers too", async () => {
    const res = await guard({ MTLS_VERIFY: "true", MTLS_CA_BUNDLE: root.pem })({
      path: "/",
      multiValueHeaders: { "x-amzn-mtls-clientcert": [albHeader(leaf)], accept: ["*/*"] },
    });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).event.multiValueHeaders).toEqual({ accept: ["*/*"] });
  });

  it("applies the allow-lists from the environment", async () => {
    const only = (subjects: string[]) => guard({ MTLS_VERIFY: "true", MTLS_CA_BUNDLE: root.pem, MTLS_ALLOWED_SUBJECTS: JSON.stringify(subjects) });
    const request = event({ "x-amzn-mtls-clientcert": albHeader(leaf) });
    expect((await only(["CN=Client Certificate,O=My Organization"])(request)).statusCode).toBe(200);
    expect(JSON.parse((await only(["CN=Someone"])(request)).body).reason).toBe("client_certificate_not_allowed");
  });

  it("with no check configured, behaves like the echo backend", async () => {
    const res = await guard({})(event({ "x-amzn-mtls-clientcert-subject": "CN=x" }));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).event.headers["x-amzn-mtls-clientcert-subject"]).toBe("CN=x");
  });
});

describe("configuration from the environment", () => {
  it("reports every problem", () => {
    expect(configFromEnv({ MTLS_VERIFY: "yes", ACCESS_AUD: "x" })).toEqual({
      problems: ['MTLS_VERIFY must be "true" or "false"', "ACCESS_TEAM_DOMAIN and ACCESS_AUD go together"],
    });
    expect(configFromEnv({ MTLS_VERIFY: "true" })).toEqual({ problems: ["MTLS_CA_BUNDLE: the CA bundle holds no PEM certificate"] });
    expect(configFromEnv({ MTLS_VERIFY: "true", MTLS_CA_BUNDLE: root.pem, MTLS_ALLOWED_SERIALS: "01" })).toEqual({
      problems: ["MTLS_ALLOWED_SERIALS must be a JSON array of strings"],
    });
  });

  it("a misconfigured guard answers 500 to every request, never 200, and logs the problems once", async () => {
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const handler = createHandler(configFromEnv({ MTLS_VERIFY: "true" }));
    const res = await handler(event({ "x-amzn-mtls-clientcert": albHeader(leaf) }));
    expect(res).toEqual({ statusCode: 500, body: '{"error":"backend misconfigured"}', headers: { "Content-Type": "application/json" } });
    expect(log).toHaveBeenCalledTimes(1);
    log.mockRestore();
  });
});
