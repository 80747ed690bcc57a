/**
 * The X.509 fields path validation needs and Node's `X509Certificate` does not expose, read from
 * the DER (RFC 5280 §4.1): the signature algorithm, issuer and subject as structures, and the
 * basicConstraints and keyUsage extensions with the criticality of every extension.
 * Distinguished names also convert from and to their RFC 4514 text form (`CN=x,O=y`), so that an
 * allow-list entry and a certificate subject are compared as structures, never as joined text.
 */
import { DerError, TAG, bitString, boolean, children, context, contents, encoded, expectTag, oid, readRoot, smallUnsigned, type Tlv } from "./der";

/** One attribute of a name: its type (OID) and its value, as text or, if not a string type, as DER. */
export interface NameAttribute {
  readonly type: string;
  /** The decoded string; for a value of a non-string type, the hex of its DER encoding. */
  readonly value: string;
  /** True when `value` is hex DER (a non-string type), written `#…` in RFC 4514 text. */
  readonly der?: boolean;
}
/** A relative distinguished name: one attribute, or several joined by `+`. */
export type Rdn = readonly NameAttribute[];
/** A distinguished name in DER order (most general first: `C`, then `O`, … `CN`). */
export type DistinguishedName = readonly Rdn[];

export interface CertificateFields {
  /** OID of the algorithm the issuer signed with. */
  readonly signatureAlgorithm: string;
  /** True when the signature's hash is SHA-256 or stronger (or EdDSA); false for MD5, SHA-1 and anything unknown. */
  readonly strongSignature: boolean;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  /** Absent when the certificate has no basicConstraints extension. */
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLength?: number };
  /** Names of the bits set; absent when the certificate has no keyUsage extension. */
  readonly keyUsage?: ReadonlySet<KeyUsage>;
  /** OIDs of the extensions marked critical. */
  readonly criticalExtensions: readonly string[];
}

export const KEY_USAGES = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];

export const EXTENSION = {
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
} as const;

const SHA2 = new Set(["2.16.840.1.101.3.4.2.1", "2.16.840.1.101.3.4.2.2", "2.16.840.1.101.3.4.2.3"]); // SHA-256/384/512
const MGF1 = "1.2.840.113549.1.1.8";
const RSASSA_PSS = "1.2.840.113549.1.1.10";
/** sha256/384/512WithRSAEncryption, ecdsa-with-SHA256/384/512, Ed25519, Ed448. */
const STRONG_SIGNATURES = new Set([
  "1.2.840.113549.1.1.11",
  "1.2.840.113549.1.1.12",
  "1.2.840.113549.1.1.13",
  "1.2.840.10045.4.3.2",
  "1.2.840.10045.4.3.3",
  "1.2.840.10045.4.3.4",
  "1.3.101.112",
  "1.3.101.113",
]);

/** RSASSA-PSS is strong when both its hash and its MGF1 hash are SHA-2 (both default to SHA-1). */
function strongPss(params: Tlv | undefined): boolean {
  if (!params || params.tag !== TAG.SEQUENCE) return false;
  const fields = children(params);
  const hash = fields.find((f) => f.tag === context(0));
  const mgf = fields.find((f) => f.tag === context(1));
  if (!hash || !mgf) return false;
  const hashOid = oid(children(expectTag(children(hash)[0], TAG.SEQUENCE, "hash algorithm"))[0]);
  const [mgfOid, mgfHash] = children(expectTag(children(mgf)[0], TAG.SEQUENCE, "mask generation"));
  if (oid(mgfOid) !== MGF1 || !mgfHash) return false;
  return SHA2.has(hashOid) && SHA2.has(oid(children(expectTag(mgfHash, TAG.SEQUENCE, "MGF1 hash"))[0]));
}

function algorithm(tlv: Tlv | undefined): { oid: string; strong: boolean; der: string } {
  const [id, params] = children(expectTag(tlv, TAG.SEQUENCE, "an AlgorithmIdentifier"));
  const algorithmOid = oid(id);
  const strong = algorithmOid === RSASSA_PSS ? strongPss(params) : STRONG_SIGNATURES.has(algorithmOid);
  return { oid: algorithmOid, strong, der: hex(encoded(tlv!)) };
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");

/** Universal string types an attribute value may use, and how to decode them. */
function decodeString(tlv: Tlv): string | undefined {
  const bytes = Buffer.from(contents(tlv));
  switch (tlv.tag) {
    case 0x0c: // UTF8String
      try {
        return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        throw new DerError("bad UTF8String");
      }
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x1a: // VisibleString
      if (bytes.some((b) => b > 0x7f)) throw new DerError("non-ASCII byte in an ASCII string");
      return bytes.toString("latin1");
    case 0x14: // TeletexString: treated as Latin-1, as OpenSSL does
      return bytes.toString("latin1");
    case 0x1e: // BMPString: UCS-2, big-endian
      if (bytes.length % 2) throw new DerError("bad BMPString");
      return Buffer.from(bytes).swap16().toString("utf16le");
    case 0x1c: {
      // UniversalString: UCS-4, big-endian
      if (bytes.length % 4) throw new DerError("bad UniversalString");
      const points: number[] = [];
      for (let i = 0; i < bytes.length; i += 4) points.push(bytes.readUInt32BE(i));
      if (points.some((p) => p > 0x10ffff)) throw new DerError("bad UniversalString");
      return String.fromCodePoint(...points);
    }
    default:
      return undefined;
  }
}

function attributeValue(type: string, value: Tlv): NameAttribute {
  const text = decodeString(value);
  return text === undefined ? { type, value: hex(encoded(value)), der: true } : { type, value: text };
}

function readName(tlv: Tlv | undefined): DistinguishedName {
  return children(expectTag(tlv, TAG.SEQUENCE, "a Name")).map((rdn) => {
    const attributes = children(expectTag(rdn, TAG.SET, "an RDN"));
    if (attributes.length === 0) throw new DerError("empty RDN");
    return attributes.map((attribute) => {
      const [type, value, extra] = children(expectTag(attribute, TAG.SEQUENCE, "an attribute"));
      if (!value || extra) throw new DerError("bad attribute");
      return attributeValue(oid(type), value);
    });
  });
}

function readExtensions(tlv: Tlv | undefined) {
  const found = new Map<string, { critical: boolean; value: Tlv }>();
  if (!tlv) return found;
  for (const extension of children(expectTag(children(tlv)[0], TAG.SEQUENCE, "Extensions"))) {
    const parts = children(expectTag(extension, TAG.SEQUENCE, "an Extension"));
    if (parts.length < 2 || parts.length > 3) throw new DerError("bad Extension");
    const critical = parts.length === 3 ? boolean(parts[1]) : false;
    const value = expectTag(parts[parts.length - 1], TAG.OCTET_STRING, "extnValue");
    const id = oid(parts[0]);
    if (found.has(id)) throw new DerError(`extension ${id} appears twice`);
    found.set(id, { critical, value: readRoot(contents(value)) });
  }
  return found;
}

function readBasicConstraints(value: Tlv): CertificateFields["basicConstraints"] {
  const fields = children(expectTag(value, TAG.SEQUENCE, "BasicConstraints"));
  let i = 0;
  const ca = fields[i]?.tag === TAG.BOOLEAN ? boolean(fields[i++]) : false;
  const pathLength = fields[i]?.tag === TAG.INTEGER ? smallUnsigned(fields[i++]) : undefined;
  if (i !== fields.length) throw new DerError("bad BasicConstraints");
  return { ca, pathLength };
}

function readKeyUsage(value: Tlv): ReadonlySet<KeyUsage> {
  const bits = bitString(value);
  return new Set(KEY_USAGES.filter((_, i) => bits[i]));
}

/** Reads the fields of a DER certificate; throws `DerError` when it is not one. */
export function readCertificate(der: Uint8Array): CertificateFields {
  const [tbs, outerAlgorithm, signature, extra] = children(expectTag(readRoot(der), TAG.SEQUENCE, "a Certificate"));
  expectTag(signature, TAG.BIT_STRING, "the signature");
  if (extra) throw new DerError("bad Certificate");
  const fields = children(expectTag(tbs, TAG.SEQUENCE, "TBSCertificate"));
  let i = fields[0]?.tag === context(0) ? 1 : 0; // [0] version
  expectTag(fields[i++], TAG.INTEGER, "the serial number");
  const innerAlgorithm = algorithm(fields[i++]);
  const issuer = readName(fields[i++]);
  expectTag(fields[i++], TAG.SEQUENCE, "Validity");
  const subject = readName(fields[i++]);
  expectTag(fields[i++], TAG.SEQUENCE, "SubjectPublicKeyInfo");
  const extensions = readExtensions(fields.find((f, at) => at >= i && f.tag === context(3)));

  const outer = algorithm(outerAlgorithm);
  // RFC 5280 §4.1.1.2: both must be the same; a mismatch is a malformed (or doctored) certificate.
  if (outer.der !== innerAlgorithm.der) throw new DerError("signature algorithm differs from the signed one");
  const basic = extensions.get(EXTENSION.basicConstraints);
  const usage = extensions.get(EXTENSION.keyUsage);
  return {
    signatureAlgorithm: outer.oid,
    strongSignature: outer.strong,
    issuer,
    subject,
    basicConstraints: basic && readBasicConstraints(basic.value),
    keyUsage: usage && readKeyUsage(usage.value),
    criticalExtensions: [...extensions].filter(([, e]) => e.critical).map(([id]) => id),
  };
}

// ---- Distinguished names as text (RFC 4514) ----

/** Short names for output (OpenSSL's, which the ALB's headers use) and accepted on input. */
const ATTRIBUTE_NAMES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.9": "street",
  "2.5.4.5": "serialNumber",
  "2.5.4.12": "title",
  "2.5.4.4": "SN",
  "2.5.4.42": "GN",
  "2.5.4.43": "initials",
  "2.5.4.44": "generationQualifier",
  "2.5.4.46": "dnQualifier",
  "2.5.4.65": "pseudonym",
  "2.5.4.97": "organizationIdentifier",
  "0.9.2342.19200300.100.1.25": "DC",
  "0.9.2342.19200300.100.1.1": "UID",
  "1.2.840.113549.1.9.1": "emailAddress",
};
const ATTRIBUTE_OIDS: Record<string, string> = Object.fromEntries([
  ...Object.entries(ATTRIBUTE_NAMES).map(([id, name]) => [name.toLowerCase(), id]),
  ["street", "2.5.4.9"],
  ["surname", "2.5.4.4"],
  ["givenname", "2.5.4.42"],
  ["e", "1.2.840.113549.1.9.1"],
]);

/** Escapes a value per RFC 4514 §2.4, plus control characters (as `\XX`), so the text is one line. */
function escapeValue({ value, der }: NameAttribute): string {
  if (der) return `#${value}`;
  return value
    .replace(/[\\"+,;<>=]/g, (c) => `\\${c}`)
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)
    .replace(/^([ #])/, "\\$1")
    .replace(/ $/, "\\ ");
}

/** RFC 4514 text, most specific first: `CN=Client,O=Org,C=jp`; multi-valued RDNs joined by `+`. */
export function formatName(name: DistinguishedName): string {
  return [...name]
    .reverse()
    .map((rdn) => rdn.map((a) => `${ATTRIBUTE_NAMES[a.type] ?? a.type}=${escapeValue(a)}`).join("+"))
    .join(",");
}

/**
 * Parses RFC 4514 text (`CN=Smith\, John+UID=js,O=Org`) into a name in DER order. Attribute types
 * are short names (case-insensitive) or dotted OIDs; values may use `\,`-style and `\2C`-style
 * (UTF-8) escapes, or be `#`-hex (compared with the DER of non-string values). Throws on anything else.
 */
export function parseName(text: string): DistinguishedName {
  const rdns: NameAttribute[][] = [[]];
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at character ${at + 1} of ${JSON.stringify(text)}`);
  };
  /** `#` and hex: the DER of the value; a string type compares as its text. */
  const hexValue = (): NameAttribute => {
    const match = /^#((?:[0-9A-Fa-f]{2})+)(?=$|[,+])/.exec(text.slice(at));
    if (!match) return fail("bad hex value");
    at += match[0].length;
    try {
      return attributeValue(type, readRoot(Buffer.from(match[1], "hex")));
    } catch {
      return fail("hex value is not DER");
    }
  };
  /** Characters up to an unescaped `,` or `+`; unescaped spaces at either end do not count. */
  const stringValue = (): NameAttribute => {
    const bytes: number[] = [];
    let kept = 0; // bytes up to the last character that was not an unescaped space
    for (; at < text.length && text[at] !== "," && text[at] !== "+"; at++) {
      const c = text[at];
      if (c === "\\") {
        const next = text.slice(at + 1, at + 3);
        if (/^[0-9A-Fa-f]{2}$/.test(next)) {
          bytes.push(parseInt(next, 16));
          at += 2;
        } else if (next.length > 0 && `\\"+,;<>=# `.includes(next[0])) {
          bytes.push(next.charCodeAt(0));
          at += 1;
        } else fail("bad escape");
        kept = bytes.length;
      } else if (`";<>`.includes(c) || c < " " || c === "\u007f") {
        fail(`${JSON.stringify(c)} must be escaped`);
      } else if (c === " " && bytes.length === 0) {
        // leading unescaped space: not part of the value
      } else {
        bytes.push(...Buffer.from(c, "utf8"));
        if (c !== " ") kept = bytes.length;
      }
    }
    try {
      return { type, value: new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes.slice(0, kept))) };
    } catch {
      return fail("escaped bytes are not UTF-8");
    }
  };
  let type = "";
  while (at < text.length) {
    const typeMatch = /^ *([A-Za-z][A-Za-z0-9-]*|[0-9]+(?:\.[0-9]+)+) *=/.exec(text.slice(at));
    if (!typeMatch) fail("expected an attribute type and '='");
    const typeText = typeMatch![1];
    type = /^[0-9]/.test(typeText) ? typeText : ATTRIBUTE_OIDS[typeText.toLowerCase()];
    if (!type) fail(`unknown attribute type ${JSON.stringify(typeText)}`);
    at += typeMatch![0].length;

    rdns[rdns.length - 1].push(text[at] === "#" ? hexValue() : stringValue());
    if (at < text.length) {
      if (text[at] === ",") rdns.push([]);
      at += 1;
      if (at === text.length) fail("expected an attribute after the separator");
    }
  }
  if (rdns[0].length === 0) fail("empty name");
  return rdns.reverse();
}

/** Compares values: exactly, or as RFC 5280 §7.1 allows for chaining (case and inner spaces folded). */
const fold = (value: string) => value.normalize("NFKC").trim().replace(/ +/g, " ").toLowerCase();

/**
 * True when both names have the same RDNs in the same order, each with the same set of attributes
 * (order within an RDN is free). `exact`: values must be equal as strings (allow-lists); otherwise
 * case and extra spaces are ignored (issuer-to-subject chaining; the signature is checked anyway).
 */
export function sameName(a: DistinguishedName, b: DistinguishedName, { exact }: { exact: boolean }): boolean {
  if (a.length !== b.length) return false;
  const key = (x: NameAttribute) => `${x.type}${x.der ? "#" : "="}${exact || x.der ? x.value : fold(x.value)}`;
  return a.every((rdn, i) => {
    const other = b[i];
    if (rdn.length !== other.length) return false;
    const keys = rdn.map(key).sort();
    const otherKeys = other.map(key).sort();
    return keys.every((k, j) => k === otherKeys[j]);
  });
}
