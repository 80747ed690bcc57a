import { createSign, type KeyObject, type webcrypto } from "node:crypto";
import { SignJWT, createLocalJWKSet, exportJWK, type JWTVerifyGetKey } from "jose";
import { createAccessJwtVerifier } from "../../functions/lib/access-jwt";
import { base64urlJson as b64 } from "../jwt-fixtures";
import { rsaCryptoKeys, rsaKeyObjects } from "../test-keys";

const TEAM = "acme.cloudflareaccess.com";
const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";
let jwks: JWTVerifyGetKey;
let privateKey: webcrypto.CryptoKey;
let publicPem: Uint8Array;
const nodeKeys = rsaKeyObjects("access-jwt-node");

beforeAll(async () => {
  const pair = await rsaCryptoKeys("access-jwt");
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "key-1", alg: "RS256" };
  jwks = createLocalJWKSet({ keys: [jwk] });
  publicPem = new TextEncoder().encode(JSON.stringify(jwk));
});

const verifier = () => createAccessJwtVerifier({ teamDomain: TEAM, audience: AUD, jwks });
const token = (claims: { iss?: string; aud?: string } = {}, header: Record<string, unknown> = {}, exp: string | number = "5m") =>
  new SignJWT({ email: "alice@example.com" })
    .setProtectedHeader({ alg: "RS256", kid: "key-1", ...header })
    .setIssuer(claims.iss ?? `https://${TEAM}`)
    .setAudience(claims.aud ?? AUD)
    .setSubject("user-123")
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(privateKey);

describe("Cloudflare Access JWT check", () => {
  it("accepts a valid token and returns the user", async () => {
    expect(await verifier()(await token())).toEqual({ ok: true, principal: { kind: "user", email: "alice@example.com", userId: "user-123" } });
  });

  /** A token as a non-identity (Service Auth) policy issues it for a service token: no e-mail, an empty `sub`, the client ID in `common_name`. */
  const serviceToken = (claims: Record<string, unknown>) =>
    new SignJWT({ sub: "", type: "app", ...claims }).setProtectedHeader({ alg: "RS256", kid: "key-1" }).setIssuer(`https://${TEAM}`).setAudience(AUD).setIssuedAt().setExpirationTime("5m").sign(privateKey);

  it("accepts a service token's token and returns its client ID", async () => {
    expect(await verifier()(await serviceToken({ common_name: "0a1b2c3d4e5f.access" }))).toEqual({ ok: true, principal: { kind: "serviceToken", clientId: "0a1b2c3d4e5f.access" } });
  });

  it("takes the e-mail when a token names both a person and a credential", async () => {
    expect(await verifier()(await serviceToken({ email: "alice@example.com", common_name: "CN=laptop" }))).toMatchObject({ ok: true, principal: { kind: "user", email: "alice@example.com" } });
  });

  it.each([
    ["neither e-mail nor common_name", {}],
    ["only a sub", { sub: "user-123" }],
    ["empty strings", { email: "", common_name: "" }],
    ["non-string claims", { email: 42, common_name: ["x.access"] }],
  ])("refuses a token that names nobody (%s)", async (_, claims) => {
    expect(await verifier()(await serviceToken(claims))).toEqual({ ok: false, reason: "invalid", detail: "ERR_JWT_NO_IDENTITY" });
  });

  it("refuses a missing token", async () => {
    expect(await verifier()(undefined)).toEqual({ ok: false, reason: "missing" });
    expect(await verifier()("")).toEqual({ ok: false, reason: "missing" });
  });

  it.each([
    ["an expired token", () => token({}, {}, Math.floor(Date.now() / 1000) - 60)],
    ["a token for another application (aud)", () => token({ aud: "someone-else" })],
    ["a token from another team (iss)", () => token({ iss: "https://evil.cloudflareaccess.com" })],
    ["a token signed with an unknown key id", () => token({}, { kid: "key-2" })],
  ])("refuses %s", async (_, make) => {
    expect(await verifier()(await make())).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("refuses an unsigned token (alg none)", async () => {
    const unsigned = `${b64({ alg: "none", typ: "JWT" })}.${b64({ iss: `https://${TEAM}`, aud: AUD, exp: Math.floor(Date.now() / 1000) + 300 })}.`;
    expect(await verifier()(unsigned)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("refuses a tampered payload", async () => {
    const [h, , s] = (await token()).split(".");
    const forged = `${h}.${b64({ email: "mallory@example.com", iss: `https://${TEAM}`, aud: AUD, exp: Math.floor(Date.now() / 1000) + 300 })}.${s}`;
    expect(await verifier()(forged)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("refuses HS256 signed with the public key (algorithm confusion)", async () => {
    const confused = await new SignJWT({ email: "mallory@example.com" })
      .setProtectedHeader({ alg: "HS256", kid: "key-1" })
      .setIssuer(`https://${TEAM}`)
      .setAudience(AUD)
      .setExpirationTime("5m")
      .sign(publicPem);
    expect(await verifier()(confused)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("refuses a token without an expiry", async () => {
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: "RS256", kid: "key-1" }).setIssuer(`https://${TEAM}`).setAudience(AUD).sign(privateKey);
    expect(await verifier()(noExp)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("accepts an audience list that contains the application's AUD", async () => {
    const listed = await new SignJWT({ email: "alice@example.com" }).setProtectedHeader({ alg: "RS256", kid: "key-1" }).setIssuer(`https://${TEAM}`).setAudience(["other", AUD]).setExpirationTime("5m").sign(privateKey);
    expect(await verifier()(listed)).toMatchObject({ ok: true });
  });

  it.each([
    ["a header naming a critical extension", { crit: ["exp"], exp: 1 }, "ERR_JOSE_NOT_SUPPORTED"],
    ["RS512 (only RS256 is allowed)", { alg: "RS512" }, "ERR_JOSE_ALG_NOT_ALLOWED"],
  ])("refuses %s before looking at the signature", async (_, header, detail) => {
    const raw = `${b64({ kid: "key-1", alg: "RS256", ...header })}.${b64({ iss: `https://${TEAM}`, aud: AUD, exp: Math.floor(Date.now() / 1000) + 300 })}.AAAA`;
    expect(await verifier()(raw)).toEqual({ ok: false, reason: "invalid", detail });
  });

  it.each([
    ["a not-yet-valid token (nbf in the future)", { nbf: 600 }, "ERR_JWT_CLAIM_VALIDATION_FAILED:nbf"],
    ["a token issued in the future (iat)", { iat: 600 }, "ERR_JWT_CLAIM_VALIDATION_FAILED:iat"],
    ["a non-numeric expiry", { exp: "tomorrow" }, "ERR_JWT_CLAIM_VALIDATION_FAILED:exp"],
  ])("refuses %s", async (_, claims, detail) => {
    const { privateKey: pem, publicKey } = nodeKeys;
    const now = Math.floor(Date.now() / 1000);
    const body = Object.fromEntries(Object.entries({ iss: `https://${TEAM}`, aud: AUD, exp: now + 300, ...claims }).map(([k, v]) => [k, typeof v === "number" && k !== "exp" ? now + v : v]));
    const signingInput = `${b64({ alg: "RS256", kid: "k" })}.${b64(body)}`;
    const signature = createSign("sha256").update(signingInput).sign(pem).toString("base64url");
    const own = createAccessJwtVerifier({ teamDomain: TEAM, audience: AUD, jwks: async () => publicKey });
    expect(await own(`${signingInput}.${signature}`)).toEqual({ ok: false, reason: "invalid", detail });
  });

  it("verifies with node:crypto keys too, and refuses RSA keys under 2048 bits", async () => {
    const sign = (pem: KeyObject) => {
      const input = `${b64({ alg: "RS256", kid: "k" })}.${b64({ iss: `https://${TEAM}`, aud: AUD, exp: Math.floor(Date.now() / 1000) + 300, email: "bob@example.com" })}`;
      return `${input}.${createSign("sha256").update(input).sign(pem).toString("base64url")}`;
    };
    const strong = nodeKeys;
    const weak = rsaKeyObjects("access-jwt-weak", 1024);
    expect(await createAccessJwtVerifier({ teamDomain: TEAM, audience: AUD, jwks: async () => strong.publicKey })(sign(strong.privateKey))).toEqual({ ok: true, principal: { kind: "user", email: "bob@example.com" } });
    expect(await createAccessJwtVerifier({ teamDomain: TEAM, audience: AUD, jwks: async () => weak.publicKey })(sign(weak.privateKey))).toEqual({ ok: false, reason: "invalid", detail: "ERR_JOSE_INVALID_KEY" });
  });

  it.each([
    ["two parts", (t: string) => t.split(".").slice(0, 2).join(".")],
    ["four parts", (t: string) => `${t}.AAAA`],
    ["a header that is not JSON", (t: string) => `${Buffer.from("{nope").toString("base64url")}.${t.split(".").slice(1).join(".")}`],
    ["characters outside base64url", (t: string) => t.replace(".", ".+")],
  ])("refuses a malformed token (%s) without throwing", async (_, mangle) => {
    expect(await verifier()(mangle(await token()))).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("checks expiry against the clock it is given", async () => {
    const later = createAccessJwtVerifier({ teamDomain: TEAM, audience: AUD, jwks, now: () => new Date(Date.now() + 3_600_000) });
    expect(await later(await token())).toMatchObject({ ok: false, reason: "invalid" });
  });
});
