import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";

/** One certificate of a PEM file, as read at synth. */
export interface CertificateDates {
  /** Its subject's common name (or the whole subject when it has none), e.g. `CN=Example Client CA`. */
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** basicConstraints CA:TRUE. */
  readonly ca: boolean;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Every certificate of a PEM file, read at synth (node:crypto). Throws an Error saying why the file
 * cannot be read as certificates (missing, no PEM certificate, a block that does not parse).
 */
export function readCertificateFile(path: string): CertificateDates[] {
  let text: string;
  try {
    text = readFileSync(path, "latin1");
  } catch (e) {
    throw new Error(`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new Error("holds no PEM certificate");
  return blocks.map((block, i) => {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch (e) {
      throw new Error(`certificate ${i + 1} of ${blocks.length} does not parse (${(e as Error).message})`);
    }
    const cn = cert.subject.split("\n").find((rdn) => rdn.startsWith("CN="));
    return { subject: cn ?? cert.subject.replaceAll("\n", ","), notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo), ca: cert.ca };
  });
}

/**
 * Why a certificate file cannot be used, one line per problem (empty when it can): unreadable,
 * expired, or (for a CA bundle) a certificate that is not a CA. `now` is the synth's time.
 */
export function certificateFileProblems(path: string, expect: "ca-bundle" | "certificate", now = new Date()): string[] {
  let certs: CertificateDates[];
  try {
    certs = readCertificateFile(path);
  } catch (e) {
    return [(e as Error).message];
  }
  const problems: string[] = [];
  for (const c of certs) {
    if (c.notAfter.getTime() <= now.getTime()) problems.push(`${c.subject} expired on ${c.notAfter.toISOString()}`);
    if (expect === "ca-bundle" && !c.ca) problems.push(`${c.subject} is not a CA certificate (basicConstraints CA:TRUE missing); the bundle lists the CAs that client certificates chain to`);
  }
  return problems;
}

/** RFC 3339 without milliseconds, as Terraform's time functions print it. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
