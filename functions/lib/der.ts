/**
 * A small, strict DER reader: just enough ASN.1 to read the certificate fields Node's
 * `X509Certificate` does not expose (signature algorithm, names as structures, basicConstraints,
 * keyUsage, extension criticality). No runtime dependency, no recursion on input, bounds-checked:
 * every function throws `DerError` on input that is not well-formed DER, never anything else.
 */

export class DerError extends Error {}

/** One tag-length-value element; `start`/`end` delimit the contents within `buf`. */
export interface Tlv {
  readonly buf: Uint8Array;
  /** The identifier octet: class, constructed bit and tag number (low-tag form only). */
  readonly tag: number;
  /** Offset of the identifier octet. */
  readonly offset: number;
  /** Offset of the first content octet. */
  readonly start: number;
  /** Offset just past the last content octet. */
  readonly end: number;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Context-specific tag `[n]`, constructed (EXPLICIT or IMPLICIT SEQUENCE) or primitive. */
export const context = (n: number, constructed = true) => 0x80 | (constructed ? 0x20 : 0) | n;

/**
 * Reads the element at `offset`, which must end at or before `limit`.
 * Refuses high tag numbers, indefinite and non-minimal lengths, and lengths over 2^24 bytes.
 */
export function readTlv(buf: Uint8Array, offset = 0, limit = buf.length): Tlv {
  if (offset + 2 > limit) throw new DerError("truncated element");
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError("high tag numbers are not supported");
  let length = buf[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw new DerError("indefinite length");
    if (count > 3) throw new DerError("element too long");
    if (start + count > limit) throw new DerError("truncated length");
    if (buf[start] === 0) throw new DerError("non-minimal length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[start + i];
    if (length < 0x80) throw new DerError("non-minimal length");
    start += count;
  }
  const end = start + length;
  if (end > limit) throw new DerError("truncated contents");
  return { buf, tag, offset, start, end };
}

/** The single element that fills `buf` exactly. */
export function readRoot(buf: Uint8Array): Tlv {
  const tlv = readTlv(buf, 0, buf.length);
  if (tlv.end !== buf.length) throw new DerError("trailing data");
  return tlv;
}

/** The elements inside a constructed element, in order. */
export function children(parent: Tlv): Tlv[] {
  if (!(parent.tag & 0x20)) throw new DerError("not a constructed element");
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = readTlv(parent.buf, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** Checks the tag and returns the element, for readable navigation. */
export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv || tlv.tag !== tag) throw new DerError(`expected ${what}`);
  return tlv;
}

export const contents = (tlv: Tlv): Uint8Array => tlv.buf.subarray(tlv.start, tlv.end);
/** The whole element, identifier and length included. */
export const encoded = (tlv: Tlv): Uint8Array => tlv.buf.subarray(tlv.offset, tlv.end);

/** An OBJECT IDENTIFIER in dotted form. */
export function oid(tlv: Tlv): string {
  const bytes = contents(expectTag(tlv, TAG.OID, "an OID"));
  if (bytes.length === 0 || bytes[bytes.length - 1] & 0x80) throw new DerError("bad OID");
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (value === 0 && bytes[i] === 0x80) throw new DerError("non-minimal OID arc");
    value = value * 128 + (bytes[i] & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new DerError("OID arc too large");
    if (!(bytes[i] & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs[0] < 40 ? 0 : arcs[0] < 80 ? 1 : 2;
  return [first, arcs[0] - first * 40, ...arcs.slice(1)].join(".");
}

/** A DER BOOLEAN (0x00 or 0xFF only). */
export function boolean(tlv: Tlv): boolean {
  const bytes = contents(expectTag(tlv, TAG.BOOLEAN, "a BOOLEAN"));
  if (bytes.length !== 1 || (bytes[0] !== 0 && bytes[0] !== 0xff)) throw new DerError("bad BOOLEAN");
  return bytes[0] === 0xff;
}

/** A non-negative INTEGER; values above 2^31 − 1 come back as `Infinity` (a limit nobody reaches). */
export function smallUnsigned(tlv: Tlv): number {
  const bytes = contents(expectTag(tlv, TAG.INTEGER, "an INTEGER"));
  if (bytes.length === 0) throw new DerError("empty INTEGER");
  if (bytes[0] & 0x80) throw new DerError("negative INTEGER");
  if (bytes.length > 1 && bytes[0] === 0 && !(bytes[1] & 0x80)) throw new DerError("non-minimal INTEGER");
  let value = 0;
  for (const b of bytes) {
    value = value * 256 + b;
    if (value > 0x7fffffff) return Infinity;
  }
  return value;
}

/** A BIT STRING's bits, most significant first: `bits[0]` is bit 0 of the ASN.1 definition. */
export function bitString(tlv: Tlv): boolean[] {
  const bytes = contents(expectTag(tlv, TAG.BIT_STRING, "a BIT STRING"));
  if (bytes.length === 0 || bytes[0] > 7 || (bytes.length === 1 && bytes[0] !== 0)) throw new DerError("bad BIT STRING");
  const bits: boolean[] = [];
  for (let i = 1; i < bytes.length; i++) for (let b = 7; b >= 0; b--) bits.push(((bytes[i] >> b) & 1) === 1);
  return bits.slice(0, bits.length - bytes[0]);
}
