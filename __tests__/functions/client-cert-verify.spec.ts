import { X509Certificate } from "node:crypto";
import { parseAllowedSubjects, parseCaBundle, verifyClientCertificate } from "../../functions/lib/client-cert";
import { Issued, SERVER_AUTH, albHeader, daysFromNow, issue, resignWithMd5, x509 } from "../tls-fixtures";

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

describe("RFC 5280 path checks", () => {
  const { cRLSign, digitalSignature, keyEncipherment } = x509.KeyUsageFlags;
  /** A chain root → CA₁ → … → CAₙ → leaf with the given pathLenConstraints; the header carries the intermediates. */
  async function chain(rootPathLength: number | undefined, ...intermediates: { pathLength?: number; selfIssued?: boolean }[]) {
    const top = await issue({ subject: "CN=Path Root", ca: true, pathLength: rootPathLength });
    let issuer = top;
    const given: Issued[] = [];
    for (const [i, spec] of intermediates.entries()) {
      issuer = await issue({ subject: spec.selfIssued ? issuer.cert.subject.split(",").reverse().join(",") : `CN=CA ${i}`, ca: true, issuer, pathLength: spec.pathLength });
      given.unshift(issuer);
    }
    const end = await issue({ subject: "CN=Path Leaf", issuer });
    return verifyClientCertificate(albHeader(end, ...given), { trustedCas: parseCaBundle(top.pem) });
  }

  it("basicConstraints path length: of the anchor and of every intermediate", async () => {
    expect(await chain(0)).toMatchObject({ ok: true }); // leaf directly below a pathlen:0 root
    expect(await chain(0, {})).toEqual({ ok: false, reason: "path_too_long" }); // an intermediate below pathlen:0
    expect(await chain(1, {})).toMatchObject({ ok: true });
    expect(await chain(1, {}, {})).toEqual({ ok: false, reason: "path_too_long" });
    expect(await chain(undefined, { pathLength: 0 }, {})).toEqual({ ok: false, reason: "path_too_long" });
    expect(await chain(undefined, { pathLength: 1 }, {})).toMatchObject({ ok: true });
  });

  it("a self-issued intermediate (key rollover) does not count against the path length", async () => {
    expect(await chain(1, {}, { selfIssued: true })).toMatchObject({ ok: true });
  });

  it("keyUsage: a CA on the path must allow keyCertSign when the extension is present", async () => {
    const signOnly = await issue({ subject: "CN=CRL Only CA", ca: true, issuer: root, keyUsage: cRLSign });
    const noKeyUsage = await issue({ subject: "CN=Old Style CA", ca: true, issuer: root, keyUsage: null });
    const below = (ca: Issued) => issue({ subject: "CN=Below", issuer: ca });
    expect(verify(albHeader(await below(signOnly), signOnly))).toEqual({ ok: false, reason: "ca_key_usage" });
    expect(verify(albHeader(await below(noKeyUsage), noKeyUsage)).ok).toBe(true);
    // A trust anchor without keyCertSign is refused at configuration already.
    const anchorWithout = await issue({ subject: "CN=Anchor Without CertSign", ca: true, keyUsage: digitalSignature | cRLSign });
    expect(() => parseCaBundle(anchorWithout.pem)).toThrow("CA bundle certificate 1 (CN=Anchor Without CertSign): its keyUsage does not allow keyCertSign");
  });

  it("keyUsage: the leaf must allow digitalSignature when the extension is present", async () => {
    const encipherOnly = await issue({ subject: "CN=Encipher Only", issuer: root, keyUsage: keyEncipherment });
    const signing = await issue({ subject: "CN=Signing", issuer: root, keyUsage: digitalSignature | keyEncipherment });
    expect(verify(albHeader(encipherOnly))).toEqual({ ok: false, reason: "leaf_key_usage" });
    expect(verify(albHeader(signing)).ok).toBe(true);
  });

  it("weak signatures: SHA-1 or MD5 on the leaf or an intermediate", async () => {
    const sha1Leaf = await issue({ subject: "CN=SHA-1 Leaf", issuer: rsaRoot, hash: "SHA-1", rsa: true });
    expect(verify(albHeader(sha1Leaf))).toEqual({ ok: false, reason: "weak_signature" });
    const ecSha1Leaf = await issue({ subject: "CN=ECDSA SHA-1 Leaf", issuer: root, hash: "SHA-1" });
    expect(verify(albHeader(ecSha1Leaf))).toEqual({ ok: false, reason: "weak_signature" });
    const sha1Intermediate = await issue({ subject: "CN=SHA-1 CA", ca: true, issuer: root, hash: "SHA-1" });
    const below = await issue({ subject: "CN=Below SHA-1 CA", issuer: sha1Intermediate });
    expect(verify(albHeader(below, sha1Intermediate))).toEqual({ ok: false, reason: "weak_signature" });
    // MD5: a real signature Node would accept (checked), refused by algorithm.
    const md5Pem = resignWithMd5(rsaLeaf, rsaRoot);
    expect(new X509Certificate(md5Pem).verify(new X509Certificate(rsaRoot.pem).publicKey)).toBe(true);
    expect(verify(encodeURIComponent(md5Pem))).toEqual({ ok: false, reason: "weak_signature" });
  });

  it("a SHA-1 self-signature on the trusted anchor itself is not judged (it is the trust input)", async () => {
    const sha1Root = await issue({ subject: "CN=SHA-1 Root", ca: true, rsa: true, hash: "SHA-1" });
    const child = await issue({ subject: "CN=Child", issuer: sha1Root });
    expect(verifyClientCertificate(albHeader(child), { trustedCas: parseCaBundle(sha1Root.pem) }).ok).toBe(true);
  });

  it("weak keys: RSA under 2048 bits on the leaf, an intermediate or the anchor", async () => {
    const smallLeaf = await issue({ subject: "CN=RSA 1024 Leaf", issuer: rsaRoot, rsaBits: 1024 });
    expect(verify(albHeader(smallLeaf))).toEqual({ ok: false, reason: "weak_key" });
    const smallCa = await issue({ subject: "CN=RSA 1024 CA", ca: true, issuer: root, rsaBits: 1024 });
    const below = await issue({ subject: "CN=Below", issuer: smallCa });
    expect(verify(albHeader(below, smallCa))).toEqual({ ok: false, reason: "weak_key" });
    const smallRoot = await issue({ subject: "CN=RSA 1024 Root", ca: true, rsaBits: 1024 });
    const child = await issue({ subject: "CN=Child", issuer: smallRoot });
    expect(verifyClientCertificate(albHeader(child), { trustedCas: parseCaBundle(smallRoot.pem) })).toEqual({ ok: false, reason: "weak_key" });
  });

  it("an unknown critical extension anywhere below the anchor; a non-critical one is ignored", async () => {
    const unknown = (critical: boolean) => new x509.Extension("1.3.6.1.4.1.55555.1", critical, new Uint8Array([0x05, 0x00]));
    const critical = await issue({ subject: "CN=Critical", issuer: root, extensions: [unknown(true)] });
    const plain = await issue({ subject: "CN=Plain", issuer: root, extensions: [unknown(false)] });
    expect(verify(albHeader(critical))).toEqual({ ok: false, reason: "unsupported_critical_extension" });
    expect(verify(albHeader(plain)).ok).toBe(true);
  });

  it("an issuer name that matches only after case and space folding still chains (RFC 5280 §7.1); the signature decides", async () => {
    const folded = await issue({ subject: "x", issuer: root, name: [{ C: ["JP"] }, { L: ["Tokyo"] }, { O: ["my  organization"] }, { CN: ["root ca"] }] });
    // The leaf names its issuer in another case; only the root's key verifies its signature.
    const generated = await x509.X509CertificateGenerator.create({
      serialNumber: "77",
      subject: "CN=Folded Issuer Leaf",
      issuer: folded.cert.subject,
      notBefore: daysFromNow(-1),
      notAfter: daysFromNow(30),
      publicKey: folded.keys.publicKey,
      signingKey: root.keys.privateKey,
      signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
      extensions: [new x509.ExtendedKeyUsageExtension(["1.3.6.1.5.5.7.3.2"])],
    });
    expect(verify(encodeURIComponent(generated.toString("pem"))).ok).toBe(true);
  });
});

describe("allow-lists", () => {
  it("of subjects, in the ALB's format", () => {
    expect(verify(albHeader(leaf), { allowedSubjects: ["CN=Client Certificate,O=My Organization,L=tokyo,C=jp"] }).ok).toBe(true);
    expect(verify(albHeader(leaf), { allowedSubjects: ["CN=Someone Else"] })).toEqual({ ok: false, reason: "not_allowed" });
  });

  it("of subjects, compared as parsed names: text that joins the same way does not impersonate", async () => {
    const allowed = ["CN=Client Certificate,O=My Organization"];
    const named = (name: x509.JsonName) => issue({ subject: "x", issuer: root, name });
    const cases: [string, x509.JsonName][] = [
      ["one CN holding a comma", [{ CN: ["Client Certificate,O=My Organization"] }]],
      ["one O holding a newline and the CN", [{ O: ["My Organization\nCN=Client Certificate"] }]],
      ["a multi-valued RDN (+)", [{ O: ["My Organization"], CN: ["Client Certificate"] }]],
      ["an escaped comma written into the value", [{ O: ["My Organization"] }, { CN: ["Client Certificate\\"] }]],
      ["the attributes in the other order", [{ CN: ["Client Certificate"] }, { O: ["My Organization"] }]],
      ["another case", [{ O: ["my organization"] }, { CN: ["Client Certificate"] }]],
    ];
    for (const [what, name] of cases) {
      expect([what, verify(albHeader(await named(name)), { allowedSubjects: allowed })]).toEqual([what, { ok: false, reason: "not_allowed" }]);
    }
    expect(verify(albHeader(await named([{ O: ["My Organization"] }, { CN: ["Client Certificate"] }])), { allowedSubjects: allowed }).ok).toBe(true);
  });

  it("of subjects, with RFC 4514 escapes and multi-valued RDNs in the entries", async () => {
    const comma = await issue({ subject: "x", issuer: root, name: [{ O: ["Org"] }, { CN: ["Smith, John"] }] });
    const multi = await issue({ subject: "x", issuer: root, name: [{ O: ["Org"] }, { CN: ["John"], "0.9.2342.19200300.100.1.1": ["js"] }] });
    expect(verify(albHeader(comma), { allowedSubjects: ["CN=Smith\\, John,O=Org"] }).ok).toBe(true);
    expect(verify(albHeader(comma), { allowedSubjects: ["CN=Smith\\2C John,O=Org"] }).ok).toBe(true);
    expect(verify(albHeader(comma), { allowedSubjects: ["CN=Smith,CN=John,O=Org", "CN=Smith\\, John"] })).toEqual({ ok: false, reason: "not_allowed" });
    expect(verify(albHeader(multi), { allowedSubjects: ["UID=js+CN=John,O=Org"] }).ok).toBe(true);
    expect(verify(albHeader(multi), { allowedSubjects: ["CN=John,UID=js,O=Org"] })).toEqual({ ok: false, reason: "not_allowed" });
    // The identity names the subject unambiguously, escapes included.
    expect(verify(albHeader(comma))).toMatchObject({ ok: true, identity: { subject: "CN=Smith\\, John,O=Org" } });
  });

  it("entries that are not RFC 4514 are configuration errors", () => {
    expect(() => parseAllowedSubjects(["CN=ok", "CN=a;O=b"])).toThrow(/entry 2: ";" must be escaped/);
    expect(() => parseAllowedSubjects(["XX=1"])).toThrow(/entry 1: unknown attribute type "XX"/);
    expect(() => parseAllowedSubjects(["CN=a,"])).toThrow(/entry 1: expected an attribute after the separator/);
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
