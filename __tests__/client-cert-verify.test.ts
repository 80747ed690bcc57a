import { X509Certificate } from "node:crypto";
import { parseCaBundle, verifyClientCertificate } from "../functions/lib/client-cert";
import { Issued, SERVER_AUTH, albHeader, daysFromNow, issue } from "./tls-fixtures";

let root: Issued, otherRoot: Issued, intermediate: Issued, leaf: Issued, rsaRoot: Issued, rsaLeaf: Issued;
let trustedCas: X509Certificate[];

beforeAll(async () => {
  root = await issue({ subject: "CN=Root CA,O=My Organization,L=tokyo,C=jp", ca: true });
  otherRoot = await issue({ subject: "CN=Root CA,O=My Organization,L=tokyo,C=jp", ca: true }); // same name, other key
  intermediate = await issue({ subject: "CN=Issuing CA,O=My Organization", ca: true, issuer: root });
  leaf = await issue({ subject: "CN=Client Certificate,O=My Organization,L=tokyo,C=jp", issuer: root, serial: "10f385c996e1a334" });
  rsaRoot = await issue({ subject: "CN=RSA Root", ca: true, rsa: true });
  rsaLeaf = await issue({ subject: "CN=RSA Client", issuer: rsaRoot, rsa: true });
  trustedCas = parseCaBundle(root.pem + rsaRoot.pem);
});

const verify = (header: string | undefined, extra: object = {}) => verifyClientCertificate(header, { trustedCas, ...extra });

describe("verifyClientCertificate: accepted", () => {
  it("a client certificate issued by the trusted root, sent as the ALB sends it, with its identity", () => {
    expect(verify(albHeader(leaf))).toEqual({
      ok: true,
      identity: {
        subject: "CN=Client Certificate,O=My Organization,L=tokyo,C=jp",
        issuer: "CN=Root CA,O=My Organization,L=tokyo,C=jp",
        serialNumber: "10F385C996E1A334",
        notBefore: leaf.cert.notBefore.toISOString(),
        notAfter: leaf.cert.notAfter.toISOString(),
      },
    });
  });

  it("a leaf issued by an intermediate sent in the chain", async () => {
    const viaIntermediate = await issue({ subject: "CN=Chained Client", issuer: intermediate });
    expect(verify(albHeader(viaIntermediate, intermediate)).ok).toBe(true);
    expect(verify(albHeader(viaIntermediate))).toEqual({ ok: false, reason: "untrusted" }); // chain missing
  });

  it("an RSA chain", () => {
    expect(verify(albHeader(rsaLeaf)).ok).toBe(true);
  });
});

describe("verifyClientCertificate: refused", () => {
  it.each([
    ["no header", "missing", undefined],
    ["an empty header", "missing", ""],
    ["bad percent-encoding", "malformed", "%E0%A4%A"],
    ["text that is not PEM", "malformed", "hello%20world"],
    ["base64 garbage in a PEM frame", "malformed", encodeURIComponent("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")],
  ])("%s → %s", (_, reason, header) => {
    expect(verify(header)).toEqual({ ok: false, reason });
  });

  it("a truncated PEM → malformed", () => {
    expect(verify(encodeURIComponent(leaf.pem.slice(0, leaf.pem.length / 2)))).toEqual({ ok: false, reason: "malformed" });
    expect(verify(encodeURIComponent(leaf.pem.replace("-----END CERTIFICATE-----", "")))).toEqual({ ok: false, reason: "malformed" });
  });

  it("an oversized header → malformed, before any parsing", () => {
    expect(verify(albHeader(leaf) + "A".repeat(20_000))).toEqual({ ok: false, reason: "malformed" });
  });

  it("a certificate from another CA, even one with the trusted CA's name → untrusted", async () => {
    const forged = await issue({ subject: "CN=Client Certificate", issuer: otherRoot });
    expect(verify(albHeader(forged))).toEqual({ ok: false, reason: "untrusted" });
  });

  it("a self-signed client certificate → untrusted", async () => {
    const selfSigned = await issue({ subject: "CN=Client Certificate", eku: [ "1.3.6.1.5.5.7.3.2" ] });
    expect(verify(albHeader(selfSigned))).toEqual({ ok: false, reason: "untrusted" });
  });

  it("a CA certificate as the leaf → untrusted", () => {
    expect(verify(albHeader(intermediate, root))).toEqual({ ok: false, reason: "untrusted" });
  });

  it("an expired or not yet valid leaf", async () => {
    const expired = await issue({ subject: "CN=Old", issuer: root, notBefore: daysFromNow(-30), notAfter: daysFromNow(-1) });
    const future = await issue({ subject: "CN=Soon", issuer: root, notBefore: daysFromNow(1), notAfter: daysFromNow(30) });
    expect(verify(albHeader(expired))).toEqual({ ok: false, reason: "expired" });
    expect(verify(albHeader(future))).toEqual({ ok: false, reason: "not_yet_valid" });
  });

  it("a leaf whose trusted root has expired", async () => {
    const oldRoot = await issue({ subject: "CN=Old Root", ca: true, notBefore: daysFromNow(-60), notAfter: daysFromNow(-1) });
    const child = await issue({ subject: "CN=Child", issuer: oldRoot });
    expect(verifyClientCertificate(albHeader(child), { trustedCas: parseCaBundle(oldRoot.pem) })).toEqual({ ok: false, reason: "expired" });
  });

  it("a leaf for server authentication only, or without extended key usage → not_client_auth", async () => {
    const serverOnly = await issue({ subject: "CN=Server", issuer: root, eku: [SERVER_AUTH] });
    const noEku = await issue({ subject: "CN=No EKU", issuer: root, eku: null });
    expect(verify(albHeader(serverOnly))).toEqual({ ok: false, reason: "not_client_auth" });
    expect(verify(albHeader(noEku))).toEqual({ ok: false, reason: "not_client_auth" });
  });

  it("the time of the check is the one given", () => {
    expect(verifyClientCertificate(albHeader(leaf), { trustedCas }, daysFromNow(400))).toEqual({ ok: false, reason: "expired" });
  });
});

describe("allow-lists", () => {
  it("of subjects, in the ALB's format", () => {
    expect(verify(albHeader(leaf), { allowedSubjects: ["CN=Client Certificate,O=My Organization,L=tokyo,C=jp"] }).ok).toBe(true);
    expect(verify(albHeader(leaf), { allowedSubjects: ["CN=Someone Else"] })).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("of serial numbers, ignoring case, colons and leading zeros", () => {
    expect(verify(albHeader(leaf), { allowedSerials: ["00:10:f3:85:c9:96:e1:a3:34"] }).ok).toBe(true);
    expect(verify(albHeader(leaf), { allowedSerials: ["DEADBEEF"] })).toEqual({ ok: false, reason: "not_allowed" });
  });
});

describe("parseCaBundle", () => {
  it("reads every certificate of a bundle", () => {
    expect(parseCaBundle(root.pem + "\n" + intermediate.pem).map((c) => c.subject.split("\n").pop())).toEqual(["CN=Root CA", "CN=Issuing CA"]);
  });

  it("refuses a bundle without certificates, with a broken one, or with a non-CA certificate", () => {
    expect(() => parseCaBundle("")).toThrow("the CA bundle holds no PEM certificate");
    expect(() => parseCaBundle("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")).toThrow(/certificate 1 is invalid/);
    expect(() => parseCaBundle(root.pem + leaf.pem)).toThrow("CA bundle certificate 2 (CN=Client Certificate,O=My Organization,L=tokyo,C=jp) is not a CA certificate");
  });
});
