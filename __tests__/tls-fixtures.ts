/**
 * Real certificates for tests, made with @peculiar/x509 on WebCrypto (EC P-256 by default: fast).
 */
import "reflect-metadata"; // @peculiar/x509 (tsyringe) needs the Reflect polyfill
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const DAY = 86_400_000;
const EC = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;

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
  /** Subject alternative DNS names / IPs (server certificates). */
  readonly dns?: string[];
  readonly ips?: string[];
}

export const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
export const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

let serialCounter = 0x1000;

export async function issue(spec: CertSpec): Promise<Issued> {
  const alg = spec.rsa ? RSA : EC;
  const keys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(spec.ca ?? false, undefined, true)];
  if (spec.ca) extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true));
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
    signingAlgorithm: alg as webcrypto.Algorithm,
    extensions,
  };
  // @peculiar/x509 encodes a name string in the order given; certificates store it the other way round.
  const name = spec.subject.split(",").reverse().join(",");
  const cert = spec.issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: name,
        issuer: spec.issuer.cert.subject,
        publicKey: keys.publicKey,
        signingKey: spec.issuer.keys.privateKey,
        // Signed with the issuer's key, so with the issuer's algorithm.
        signingAlgorithm: { ...spec.issuer.keys.privateKey.algorithm, hash: "SHA-256" } as webcrypto.Algorithm,
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

export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);

/** The header value an ALB in pass-through mode sends: the URL-encoded PEM chain. */
export const albHeader = (...certs: Issued[]) => encodeURIComponent(certs.map((c) => c.pem).join("\n"));
