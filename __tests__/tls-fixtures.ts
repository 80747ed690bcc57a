/**
 * Real certificates for tests, made with @peculiar/x509 on WebCrypto (EC P-256 by default: fast).
 * RSA keys come from the test key cache (test-keys.ts): one key per subject and issuer.
 */
import "reflect-metadata"; // @peculiar/x509 (tsyringe) needs the Reflect polyfill
import { KeyObject, createHash, sign, webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { rsaCryptoKeys } from "./test-keys";

export { x509 };
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const DAY = 86_400_000;
const EC = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

export interface Issued {
  readonly cert: x509.X509Certificate;
  readonly keys: webcrypto.CryptoKeyPair;
  readonly pem: string;
  /** Private key, PKCS#8 PEM. */
  keyPem(): Promise<string>;
}

export interface CertSpec {
  /** In the ALB's (RFC 4514) format, most specific first: `CN=Client,O=Org,C=jp`. */
  readonly subject: string;
  /** Signer; self-signed when absent. */
  readonly issuer?: Issued;
  readonly ca?: boolean;
  /** Extended key usages (OIDs); none → no EKU extension. @default clientAuth for leaves */
  readonly eku?: string[] | null;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly serial?: string;
  readonly rsa?: boolean;
  /** RSA modulus length. @default 2048 */
  readonly rsaBits?: number;
  /**
   * The RSA key's name in the test key cache. @default one per subject and issuer: two RSA
   * certificates with the same subject and issuer share a key unless they are given different names
   */
  readonly keyName?: string;
  /** The subject as a structure (multi-valued RDNs, values with `,` `+` `\\` or newlines), most general first; overrides `subject`. */
  readonly name?: x509.JsonName;
  /** basicConstraints pathLenConstraint (CAs). @default none */
  readonly pathLength?: number;
  /** keyUsage flags (x509.KeyUsageFlags); null: no extension. @default keyCertSign | cRLSign for CAs, none for leaves */
  readonly keyUsage?: number | null;
  /** Hash of the issuer's signature. @default SHA-256 */
  readonly hash?: "SHA-1" | "SHA-256";
  /** More extensions (for example an unknown critical one). */
  readonly extensions?: x509.Extension[];
  /** Subject alternative DNS names / IPs (server certificates). */
  readonly dns?: string[];
  readonly ips?: string[];
}

export const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
export const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

let serialCounter = 0x1000;

export async function issue(spec: CertSpec): Promise<Issued> {
  const rsa = Boolean(spec.rsa || spec.rsaBits);
  const alg = rsa ? RSA : EC;
  const keyName = spec.keyName ?? `cert-${createHash("sha256").update(`${spec.subject}\n${spec.issuer?.cert.subject ?? ""}`).digest("hex").slice(0, 16)}`;
  const keys = rsa
    ? await rsaCryptoKeys(keyName, { bits: spec.rsaBits ?? 2048, algorithm: RSA })
    : ((await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair);
  const now = Date.now();
  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(spec.ca ?? false, spec.pathLength, true), ...(spec.extensions ?? [])];
  const keyUsage = spec.keyUsage === undefined ? (spec.ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : null) : spec.keyUsage;
  if (keyUsage !== null) extensions.push(new x509.KeyUsagesExtension(keyUsage, true));
  const eku = spec.eku === undefined ? (spec.ca ? null : [CLIENT_AUTH]) : spec.eku;
  if (eku) extensions.push(new x509.ExtendedKeyUsageExtension(eku));
  if (spec.dns || spec.ips) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension([
        ...(spec.dns ?? []).map((value) => ({ type: "dns" as const, value })),
        ...(spec.ips ?? []).map((value) => ({ type: "ip" as const, value })),
      ]),
    );
  }
  const common = {
    serialNumber: spec.serial ?? (serialCounter++).toString(16),
    notBefore: spec.notBefore ?? new Date(now - DAY),
    notAfter: spec.notAfter ?? new Date(now + 365 * DAY),
    signingAlgorithm: Object.assign({}, alg, { hash: spec.hash ?? "SHA-256" }) as webcrypto.Algorithm,
    extensions,
  };
  // @peculiar/x509 encodes a name string in the order given; certificates store it the other way round.
  const name = spec.name ?? spec.subject.split(",").reverse().join(",");
  const cert = spec.issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: name,
        issuer: spec.issuer.cert.subject,
        publicKey: keys.publicKey,
        signingKey: await withHash(spec.issuer.keys.privateKey, spec.hash),
        // Signed with the issuer's key, so with the issuer's algorithm.
        signingAlgorithm: { ...spec.issuer.keys.privateKey.algorithm, hash: spec.hash ?? "SHA-256" } as webcrypto.Algorithm,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name, keys });
  const pem = cert.toString("pem");
  return {
    cert,
    keys,
    pem,
    keyPem: async () => {
      const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
      return `-----BEGIN PRIVATE KEY-----\n${der.toString("base64").match(/.{1,64}/g)!.join("\n")}\n-----END PRIVATE KEY-----\n`;
    },
  };
}

/** WebCrypto binds an RSA key to one hash: the same key, bound to another one. */
async function withHash(key: webcrypto.CryptoKey, hash: CertSpec["hash"]): Promise<webcrypto.CryptoKey> {
  if (!hash || key.algorithm.name !== "RSASSA-PKCS1-v1_5") return key;
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", key);
  return webcrypto.subtle.importKey("pkcs8", pkcs8, { name: key.algorithm.name, hash }, false, ["sign"]);
}

export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);

/** The header value an ALB in pass-through mode sends: the URL-encoded PEM chain. */
export const albHeader = (...certs: Issued[]) => encodeURIComponent(certs.map((c) => c.pem).join("\n"));

/**
 * The same certificate re-signed by `issuer` (an RSA-2048 key) with MD5, which WebCrypto cannot
 * do: both sha256WithRSAEncryption fields become md5WithRSAEncryption (same length) and the last
 * 256 bytes, the signature, become a real MD5 signature of the changed TBSCertificate.
 */
export function resignWithMd5(issued: Issued, issuer: Issued): string {
  const sha256WithRsa = "300d06092a864886f70d01010b0500";
  const hex = Buffer.from(issued.cert.rawData).toString("hex");
  if (hex.split(sha256WithRsa).length !== 3) throw new Error("expected a SHA-256 RSA certificate");
  const der = Buffer.from(hex.replaceAll(sha256WithRsa, "300d06092a864886f70d0101040500"), "hex");
  // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, … }: skip the outer header, take the inner element.
  const header = (at: number) => (der[at + 1] < 0x80 ? 2 : 2 + (der[at + 1] & 0x7f));
  const size = (at: number) => (der[at + 1] < 0x80 ? der[at + 1] : der.readUIntBE(at + 2, der[at + 1] & 0x7f));
  const tbsAt = header(0);
  const tbs = der.subarray(tbsAt, tbsAt + header(tbsAt) + size(tbsAt));
  sign("md5", tbs, KeyObject.from(issuer.keys.privateKey)).copy(der, der.length - 256);
  return `-----BEGIN CERTIFICATE-----\n${der.toString("base64").match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
}
