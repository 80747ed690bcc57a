import { DerError, bitString, boolean, children, oid, readRoot, readTlv, smallUnsigned } from "../../functions/lib/der";
import { formatName, parseName, readCertificate, sameName } from "../../functions/lib/x509";
import { issue, x509 } from "../tls-fixtures";

const bytes = (hex: string) => Buffer.from(hex.replace(/ /g, ""), "hex");

describe("DER reader", () => {
  it("reads short and long lengths and nested elements", () => {
    const seq = readRoot(bytes("30 06 02 01 05 01 01 ff"));
    const [int, bool] = children(seq);
    expect([smallUnsigned(int), boolean(bool)]).toEqual([5, true]);
    const long = Buffer.concat([bytes("04 81 80"), Buffer.alloc(0x80)]);
    expect(readRoot(long)).toMatchObject({ tag: 0x04, start: 3, end: 0x83 });
  });

  it.each([
    ["truncated contents", "30 05 02 01 05"],
    ["indefinite length", "30 80 00 00"],
    ["non-minimal long length", "04 81 05 00 00 00 00 00"],
    ["leading zero length octet", "04 82 00 80"],
    ["high tag number", "1f 81 00 00"],
    ["trailing data", "05 00 00"],
    ["a child running past its parent", "30 03 02 05 01"],
    ["an empty input", ""],
  ])("refuses %s with DerError", (_, hex) => {
    expect(() => children(readRoot(bytes(hex)))).toThrow(DerError);
  });

  it("decodes OIDs, integers, booleans and bit strings strictly", () => {
    expect(oid(readTlv(bytes("06 09 2a 86 48 86 f7 0d 01 01 0b")))).toBe("1.2.840.113549.1.1.11");
    expect(oid(readTlv(bytes("06 03 55 1d 13")))).toBe("2.5.29.19");
    expect(() => oid(readTlv(bytes("06 02 80 01")))).toThrow(DerError); // non-minimal arc
    expect(() => oid(readTlv(bytes("06 01 86")))).toThrow(DerError); // unterminated arc
    expect(smallUnsigned(readTlv(bytes("02 01 00")))).toBe(0);
    expect(smallUnsigned(readTlv(bytes("02 05 00 ff ff ff ff")))).toBe(Infinity);
    expect(() => smallUnsigned(readTlv(bytes("02 01 ff")))).toThrow(DerError); // negative
    expect(() => smallUnsigned(readTlv(bytes("02 02 00 05")))).toThrow(DerError); // non-minimal
    expect(() => boolean(readTlv(bytes("01 01 01")))).toThrow(DerError); // BER true, not DER
    expect(bitString(readTlv(bytes("03 02 01 86")))).toEqual([true, false, false, false, false, true, true]);
    expect(() => bitString(readTlv(bytes("03 01 03")))).toThrow(DerError);
  });

  it("never throws anything but DerError on random input", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
    const others: unknown[] = [];
    let refused = 0;
    for (let n = 0; n < 2000; n++) {
      const input = Uint8Array.from({ length: 1 + (n % 40) }, random);
      try {
        readCertificate(input);
      } catch (e) {
        if (e instanceof DerError) refused++;
        else others.push(e);
      }
    }
    expect(others).toEqual([]);
    expect(refused).toBeGreaterThan(1900); // random bytes are almost never a certificate
  });
});

describe("certificate fields", () => {
  it("reads names, basicConstraints, keyUsage, the signature algorithm and critical extensions", async () => {
    const root = await issue({ subject: "CN=Root,O=Org", ca: true, pathLength: 2 });
    const fields = readCertificate(new Uint8Array(root.cert.rawData));
    expect(fields).toMatchObject({
      signatureAlgorithm: "1.2.840.10045.4.3.2",
      strongSignature: true,
      basicConstraints: { ca: true, pathLength: 2 },
      keyUsage: new Set(["keyCertSign", "cRLSign"]),
      criticalExtensions: ["2.5.29.19", "2.5.29.15"],
    });
    expect(formatName(fields.subject)).toBe("CN=Root,O=Org");
    expect(sameName(fields.subject, fields.issuer, { exact: true })).toBe(true);
  });
});

describe("distinguished names as RFC 4514 text", () => {
  it("parses escapes, hex pairs, multi-valued RDNs and #hex values", () => {
    expect(parseName("CN=Smith\\, John+UID=js,O=Org\\2B Co,C=jp")).toEqual([
      [{ type: "2.5.4.6", value: "jp" }],
      [{ type: "2.5.4.10", value: "Org+ Co" }],
      [
        { type: "2.5.4.3", value: "Smith, John" },
        { type: "0.9.2342.19200300.100.1.1", value: "js" },
      ],
    ]);
    expect(parseName("CN=#0c03616263")).toEqual([[{ type: "2.5.4.3", value: "abc" }]]); // a UTF8String: compared as text
    expect(parseName("2.5.4.3=#020105")).toEqual([[{ type: "2.5.4.3", value: "020105", der: true }]]);
    expect(parseName("cn=caf\\C3\\A9, o = x ")).toEqual([[{ type: "2.5.4.10", value: "x" }], [{ type: "2.5.4.3", value: "café" }]]);
    expect(parseName("CN=\\ a\\ ")).toEqual([[{ type: "2.5.4.3", value: " a " }]]);
  });

  it.each([["CN=a;O=b"], ["CN=a\nO=b"], ["CN=a\\"], ["CN=\\C3"], ["=a"], ["CN=a,"], [""], ["CN=#0g"], ["Foo=x"]])("refuses %j", (text) => {
    expect(() => parseName(text)).toThrow();
  });

  it("formats so that text round-trips to the same structure, control characters included", () => {
    const tricky = [[{ type: "2.5.4.10", value: "#Org, Inc.\n" }], [{ type: "2.5.4.3", value: " a+b=\"c\"\\ " }, { type: "2.5.4.11", value: "x" }]];
    const text = formatName(tricky);
    expect(text).toBe('CN=\\ a\\+b\\=\\"c\\"\\\\\\ +OU=x,O=\\#Org\\, Inc.\\0A');
    expect(text).not.toContain("\n");
    expect(sameName(parseName(text), tricky, { exact: true })).toBe(true);
  });

  it("compares exactly for allow-lists, folded for chaining; order within an RDN is free", () => {
    const a = parseName("CN=Alice+UID=a,O=Org");
    expect(sameName(a, parseName("UID=a+CN=Alice,O=Org"), { exact: true })).toBe(true);
    expect(sameName(a, parseName("CN=alice+UID=a,O=Org"), { exact: true })).toBe(false);
    expect(sameName(a, parseName("CN=alice+UID=a,O=org"), { exact: false })).toBe(true);
    expect(sameName(a, parseName("CN=Alice,UID=a,O=Org"), { exact: false })).toBe(false);
    expect(sameName(parseName("CN=#020105"), parseName("CN=\\#020105"), { exact: false })).toBe(false);
  });

  it("a value of a non-string type is written #hex, a string starting with # is escaped", () => {
    expect(formatName([[{ type: "2.5.4.3", value: "020105", der: true }]])).toBe("CN=#020105");
    expect(formatName([[{ type: "2.5.4.3", value: "#020105" }]])).toBe("CN=\\#020105");
    expect(formatName([[{ type: "1.2.3.4", value: "x" }]])).toBe("1.2.3.4=x");
  });

  it("a UTF8String that is not UTF-8 is a DerError", async () => {
    const cert = await issue({ subject: "x", name: [{ CN: ["ab"] }] as x509.JsonName });
    const der = Buffer.from(cert.cert.rawData);
    const at = der.indexOf(Buffer.from([0x0c, 0x02, 0x61, 0x62]));
    der[at + 2] = 0xc3; // a lone lead byte
    expect(() => readCertificate(der)).toThrow(DerError);
  });
});
