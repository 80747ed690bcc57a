/**
 * Verification of the client certificate an ALB in mTLS **pass-through** mode forwards in
 * `x-amzn-mtls-clientcert`: URL-encoded PEM, leaf first, an optional chain after it. In that mode
 * the ALB verifies nothing and requests without a certificate arrive too, so the backend must.
 *
 * Rules (RFC 5280 §6.1 path validation, with the trusted bundle as trust anchors), each refusal
 * with its own reason, checked in this order:
 * - `missing`, `malformed`: no header; bad percent-encoding, anything but complete PEM blocks,
 *   over `maxHeaderBytes`, more than 5 certificates, DER Node or this reader cannot parse;
 * - `untrusted`: no path leaf → (intermediates from the header) → a CA of the bundle, each link by
 *   issuer name (RFC 5280 §7.1 comparison) AND signature; intermediates must be CAs
 *   (basicConstraints cA), the leaf must not be one;
 * - `weak_signature`: a signature on the path (leaf's, intermediates') that is MD5, SHA-1 or any
 *   algorithm but SHA-2 RSA/ECDSA/RSASSA-PSS and EdDSA; the anchor's self-signature is not
 *   relied on (it is the trust input), so it is not judged;
 * - `weak_key`: an RSA key under 2048 bits, a DSA key or an EC key off P-256/P-384/P-521,
 *   anywhere on the path, the anchor included;
 * - `not_yet_valid`, `expired`: every certificate on the path, the anchor included, at `now`;
 * - `path_too_long`: more intermediates below a CA than its basicConstraints pathLenConstraint
 *   allows (self-issued intermediates do not count, §6.1.4 (l)), anchor included;
 * - `ca_key_usage`: a CA on the path (anchor included) whose keyUsage lacks keyCertSign;
 * - `leaf_key_usage`: a leaf whose keyUsage, when present, lacks digitalSignature;
 * - `not_client_auth`: the leaf's extended key usage lacks clientAuth, or it has none
 *   (strict: the certificates this project issues all carry it);
 * - `unsupported_critical_extension`: a critical extension this check does not process
 *   (§6.1.3: processed are basicConstraints, keyUsage, extKeyUsage, subjectAltName);
 * - `not_allowed`: the leaf is not on the subject or serial allow-list. Subjects are compared as
 *   parsed names (RDN by RDN, attribute by attribute, values exactly), never as joined text.
 * Never throws on request input.
 */
import { X509Certificate } from "node:crypto";
import { EXTENSION, formatName, parseName, readCertificate, sameName, type CertificateFields, type DistinguishedName } from "./x509";

export type CertFailure =
  | "missing"
  | "malformed"
  | "untrusted"
  | "weak_signature"
  | "weak_key"
  | "expired"
  | "not_yet_valid"
  | "path_too_long"
  | "ca_key_usage"
  | "leaf_key_usage"
  | "not_client_auth"
  | "unsupported_critical_extension"
  | "not_allowed";

export interface CertIdentity {
  /** RFC 4514, as the ALB's header: `CN=Client Certificate,O=My Organization,L=tokyo,C=jp` (special characters escaped). */
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
  /**
   * Only these subjects are accepted, RFC 4514 text as the ALB writes it (`CN=x,O=y`, escapes such
   * as `\,` allowed). Parsed once per options object; an entry that does not parse matches nothing
   * (configFromEnv refuses such entries up front). @default any
   */
  readonly allowedSubjects?: string[];
  /** Only these serial numbers (hex; case, colons and leading zeros ignored). @default any */
  readonly allowedSerials?: string[];
  /** Longer headers are refused as malformed. @default 16384 */
  readonly maxHeaderBytes?: number;
}

/** A certificate with the fields Node does not expose. */
interface Cert {
  readonly x509: X509Certificate;
  readonly fields: CertificateFields;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\r\n\t ]+-----END CERTIFICATE-----/g;
const CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
const MAX_CHAIN = 5;

/** Parsed anchors, per bundle certificate object (parsed once, at the first request that needs them). */
const anchorFields = new WeakMap<X509Certificate, Cert>();
/** Parsed subject allow-lists, per options array. */
const parsedAllowLists = new WeakMap<string[], DistinguishedName[]>();

function readCert(x509: X509Certificate): Cert {
  return { x509, fields: readCertificate(x509.raw) };
}

/**
 * Every certificate of a PEM bundle. Throws on a bundle without certificates or with an invalid or
 * non-CA certificate (basicConstraints, or a keyUsage without keyCertSign): this is configuration,
 * and a misconfigured backend must say so.
 */
export function parseCaBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new Error("the CA bundle holds no PEM certificate");
  return blocks.map((block, i) => {
    let cert: Cert;
    try {
      cert = readCert(new X509Certificate(block));
    } catch (e) {
      throw new Error(`CA bundle certificate ${i + 1} is invalid: ${(e as Error).message}`);
    }
    const named = `CA bundle certificate ${i + 1} (${formatName(cert.fields.subject)})`;
    if (cert.fields.keyUsage && !cert.fields.keyUsage.has("keyCertSign")) throw new Error(`${named}: its keyUsage does not allow keyCertSign`);
    if (!cert.x509.ca) throw new Error(`${named} is not a CA certificate`);
    anchorFields.set(cert.x509, cert);
    return cert.x509;
  });
}

/**
 * Parses subject allow-list entries (RFC 4514 text); throws naming the first entry that does not
 * parse, for configuration checks.
 */
export function parseAllowedSubjects(subjects: string[]): DistinguishedName[] {
  return subjects.map((subject, i) => {
    try {
      return parseName(subject);
    } catch (e) {
      throw new Error(`entry ${i + 1}: ${(e as Error).message}`);
    }
  });
}

function allowList(subjects: string[]): DistinguishedName[] {
  let parsed = parsedAllowLists.get(subjects);
  if (!parsed) {
    parsed = subjects.flatMap((s) => {
      try {
        return [parseName(s)];
      } catch {
        return []; // matches nothing
      }
    });
    parsedAllowLists.set(subjects, parsed);
  }
  return parsed;
}

function anchor(x509: X509Certificate): Cert | undefined {
  let cert = anchorFields.get(x509);
  if (!cert) {
    try {
      cert = readCert(x509);
    } catch {
      return undefined; // an anchor this reader cannot parse anchors nothing
    }
    anchorFields.set(x509, cert);
  }
  return cert;
}

const normalizeSerial = (s: string) => s.replace(/:/g, "").toUpperCase().replace(/^0+(?=.)/, "");

/** Issuer name matches the candidate's subject and the candidate's key verifies the signature. */
function issuedBy(cert: Cert, issuer: Cert): boolean {
  if (!sameName(cert.fields.issuer, issuer.fields.subject, { exact: false })) return false;
  try {
    return cert.x509.verify(issuer.x509.publicKey);
  } catch {
    return false;
  }
}

const selfIssued = (cert: Cert) => sameName(cert.fields.subject, cert.fields.issuer, { exact: false });

/** RSA ≥ 2048 bits (PKCS#1 or PSS keys), EC on P-256/384/521, Ed25519, Ed448. */
function strongKey(cert: Cert): boolean {
  const key = cert.x509.publicKey;
  switch (key.asymmetricKeyType) {
    case "rsa":
    case "rsa-pss":
      return (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048;
    case "ec":
      return ["prime256v1", "secp384r1", "secp521r1"].includes(key.asymmetricKeyDetails?.namedCurve ?? "");
    case "ed25519":
    case "ed448":
      return true;
    default:
      return false;
  }
}

const PROCESSED_EXTENSIONS: readonly string[] = [EXTENSION.basicConstraints, EXTENSION.keyUsage, EXTENSION.extKeyUsage, EXTENSION.subjectAltName];

const fail = (reason: CertFailure): CertResult => ({ ok: false, reason });

/** Decodes the header into certificates, leaf first; undefined when malformed. */
function decodeChain(header: string, maxHeaderBytes: number): Cert[] | undefined {
  if (header.length > maxHeaderBytes) return undefined;
  let pem: string;
  try {
    pem = decodeURIComponent(header);
  } catch {
    return undefined;
  }
  const blocks = pem.match(PEM_BLOCK);
  // Anything but whitespace outside complete blocks (a truncated block, garbage) is malformed.
  if (!blocks || blocks.length > MAX_CHAIN || pem.replace(PEM_BLOCK, "").trim() !== "") return undefined;
  try {
    return blocks.map((b) => readCert(new X509Certificate(b)));
  } catch {
    return undefined; // Node's parser or ours (DerError) refused it
  }
}

/**
 * Builds the path leaf → intermediates (from the header) → anchor, refusing weak signatures on the
 * way (before their verification). Returns the path without the anchor, and the anchor.
 */
function buildPath(leaf: Cert, given: Cert[], trustedCas: X509Certificate[]): { path: Cert[]; anchor: Cert } | CertFailure {
  const path = [leaf];
  for (let current = leaf; ; ) {
    if (!current.fields.strongSignature) return "weak_signature";
    for (const ca of trustedCas) {
      const candidate = anchor(ca);
      if (candidate && issuedBy(current, candidate)) return { path, anchor: candidate };
    }
    const next = given.find((c) => c.fields.basicConstraints?.ca && !path.includes(c) && issuedBy(current, c));
    if (!next) return "untrusted";
    path.push(next);
    current = next;
  }
}

/** The RFC 5280 checks on a built path; undefined when they all pass. */
function checkPath(path: Cert[], anchorCert: Cert, now: Date): CertFailure | undefined {
  const [leaf, ...intermediates] = path;
  const all = [...path, anchorCert];
  if (!all.every(strongKey)) return "weak_key";
  for (const { x509 } of all) {
    if (now.getTime() < Date.parse(x509.validFrom)) return "not_yet_valid";
    if (now.getTime() > Date.parse(x509.validTo)) return "expired";
  }
  // CA at path index k (the anchor at path.length) has the non-self-issued certificates at 1..k−1 below it.
  for (let k = 1; k < all.length; k++) {
    const below = all.slice(1, k).filter((c) => !selfIssued(c)).length;
    const limit = all[k].fields.basicConstraints?.pathLength;
    if (limit !== undefined && below > limit) return "path_too_long";
  }
  if ([...intermediates, anchorCert].some((ca) => ca.fields.keyUsage && !ca.fields.keyUsage.has("keyCertSign"))) return "ca_key_usage";
  if (leaf.fields.keyUsage && !leaf.fields.keyUsage.has("digitalSignature")) return "leaf_key_usage";
  if (!(leaf.x509.keyUsage ?? []).includes(CLIENT_AUTH)) return "not_client_auth";
  if (path.some((c) => c.fields.criticalExtensions.some((id) => !PROCESSED_EXTENSIONS.includes(id)))) return "unsupported_critical_extension";
  return undefined;
}

export function verifyClientCertificate(header: string | undefined, options: ClientCertOptions, now: Date = new Date()): CertResult {
  if (typeof header !== "string" || header.trim() === "") return fail("missing");
  const chain = decodeChain(header, options.maxHeaderBytes ?? 16384);
  if (!chain) return fail("malformed");

  const [leaf, ...given] = chain;
  if (leaf.fields.basicConstraints?.ca || leaf.x509.ca) return fail("untrusted");
  const built = buildPath(leaf, given, options.trustedCas);
  if (typeof built === "string") return fail(built);
  const failure = checkPath(built.path, built.anchor, now);
  if (failure) return fail(failure);

  const identity: CertIdentity = {
    subject: formatName(leaf.fields.subject),
    issuer: formatName(leaf.fields.issuer),
    serialNumber: leaf.x509.serialNumber.toUpperCase(),
    notBefore: new Date(Date.parse(leaf.x509.validFrom)).toISOString(),
    notAfter: new Date(Date.parse(leaf.x509.validTo)).toISOString(),
  };
  if (options.allowedSubjects && !allowList(options.allowedSubjects).some((name) => sameName(name, leaf.fields.subject, { exact: true }))) {
    return fail("not_allowed");
  }
  if (options.allowedSerials && !options.allowedSerials.map(normalizeSerial).includes(normalizeSerial(identity.serialNumber))) {
    return fail("not_allowed");
  }
  return { ok: true, identity };
}
