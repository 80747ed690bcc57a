/**
 * Verification of the client certificate an ALB in mTLS **pass-through** mode forwards in
 * `x-amzn-mtls-clientcert`: URL-encoded PEM, leaf first, an optional chain after it. In that mode
 * the ALB verifies nothing and requests without a certificate arrive too, so the backend must.
 *
 * Rules: the path leaf → (given intermediates) → a CA of the trusted bundle must hold, each link by
 * issuer name AND signature; intermediates must be CAs and the leaf must not be one; every
 * certificate on the path, the trusted anchor included, must be within its validity window; the
 * leaf's extended key usage must include clientAuth — a leaf without the extension is refused too
 * (strict: the certificates this project issues all carry it). Never throws on request input.
 */
import { X509Certificate } from "node:crypto";

export type CertFailure = "missing" | "malformed" | "untrusted" | "expired" | "not_yet_valid" | "not_client_auth" | "not_allowed";

export interface CertIdentity {
  /** In the ALB's header format: `CN=Client Certificate,O=My Organization,L=tokyo,C=jp`. */
  readonly subject: string;
  readonly issuer: string;
  /** Upper-case hex, as the ALB's `x-amzn-mtls-clientcert-serial-number`. */
  readonly serialNumber: string;
  /** ISO 8601. */
  readonly notBefore: string;
  readonly notAfter: string;
}

export type CertResult = { readonly ok: true; readonly identity: CertIdentity } | { readonly ok: false; readonly reason: CertFailure };

export interface ClientCertOptions {
  /** Trusted CA certificates (parseCaBundle). */
  readonly trustedCas: X509Certificate[];
  /** Only these subjects (ALB format) are accepted. @default any */
  readonly allowedSubjects?: string[];
  /** Only these serial numbers (hex; case, colons and leading zeros ignored). @default any */
  readonly allowedSerials?: string[];
  /** Longer headers are refused as malformed. @default 16384 */
  readonly maxHeaderBytes?: number;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\r\n\t ]+-----END CERTIFICATE-----/g;
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
const MAX_CHAIN = 5;

/**
 * Every certificate of a PEM bundle. Throws on a bundle without certificates or with an invalid or
 * non-CA certificate: this is configuration, and a misconfigured backend must say so.
 */
export function parseCaBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new Error("the CA bundle holds no PEM certificate");
  return blocks.map((block, i) => {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch (e) {
      throw new Error(`CA bundle certificate ${i + 1} is invalid: ${(e as Error).message}`);
    }
    if (!cert.ca) throw new Error(`CA bundle certificate ${i + 1} (${albName(cert.subject)}) is not a CA certificate`);
    return cert;
  });
}

/** Node gives `C=jp\nL=tokyo\n…\nCN=x`; the ALB writes `CN=x,…,L=tokyo,C=jp`. */
export function albName(nodeName: string): string {
  return nodeName.split("\n").reverse().join(",");
}

const normalizeSerial = (s: string) => s.replace(/:/g, "").toUpperCase().replace(/^0+(?=.)/, "");

function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

const fail = (reason: CertFailure): CertResult => ({ ok: false, reason });

export function verifyClientCertificate(header: string | undefined, options: ClientCertOptions, now: Date = new Date()): CertResult {
  if (header === undefined || header.trim() === "") return fail("missing");
  if (header.length > (options.maxHeaderBytes ?? 16384)) return fail("malformed");

  let pem: string;
  try {
    pem = decodeURIComponent(header);
  } catch {
    return fail("malformed");
  }
  const blocks = pem.match(PEM_BLOCK);
  // Anything but whitespace outside complete blocks (a truncated block, garbage) is malformed.
  if (!blocks || blocks.length > MAX_CHAIN || pem.replace(PEM_BLOCK, "").trim() !== "") return fail("malformed");
  let chain: X509Certificate[];
  try {
    chain = blocks.map((b) => new X509Certificate(b));
  } catch {
    return fail("malformed");
  }

  const [leaf, ...given] = chain;
  if (leaf.ca) return fail("untrusted");
  const path = [leaf];
  let anchor: X509Certificate | undefined;
  for (let current = leaf; ; ) {
    anchor = options.trustedCas.find((ca) => issuedBy(current, ca));
    if (anchor) break;
    const next = given.find((c) => c.ca && !path.includes(c) && issuedBy(current, c));
    if (!next) return fail("untrusted");
    path.push(next);
    current = next;
  }

  for (const cert of [...path, anchor]) {
    if (now.getTime() < Date.parse(cert.validFrom)) return fail("not_yet_valid");
    if (now.getTime() > Date.parse(cert.validTo)) return fail("expired");
  }
  if (!(leaf.keyUsage ?? []).includes(CLIENT_AUTH)) return fail("not_client_auth");

  const identity: CertIdentity = {
    subject: albName(leaf.subject),
    issuer: albName(leaf.issuer),
    serialNumber: leaf.serialNumber.toUpperCase(),
    notBefore: new Date(Date.parse(leaf.validFrom)).toISOString(),
    notAfter: new Date(Date.parse(leaf.validTo)).toISOString(),
  };
  if (options.allowedSubjects && !options.allowedSubjects.includes(identity.subject)) return fail("not_allowed");
  if (options.allowedSerials && !options.allowedSerials.map(normalizeSerial).includes(normalizeSerial(identity.serialNumber))) {
    return fail("not_allowed");
  }
  return { ok: true, identity };
}
