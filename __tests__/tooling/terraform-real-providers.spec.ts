/**
 * The Terraform stage's real providers (scripts/terraform/real-providers.mjs), without Terraform:
 * what it finds in a mirror folder, packed or not, which it uses for which constraint, and what
 * it reports when a real provider it was given cannot be used, or when the one CI must judge with
 * is missing. The "providers" here are small shell scripts that behave as a provider in its debug
 * mode does (announce a version, print the TF_REATTACH_PROVIDERS line, serve until ended).
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { TARGET } from "../../scripts/terraform/provider-mirror.mjs";
import { REQUIRED_UNDER_CI, chooseRealProviders, findRealProviders, realProviderVerdict, startRealProviders } from "../../scripts/terraform/real-providers.mjs";

const dir = mkdtempSync(join(tmpdir(), "alb-mtls-real-providers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A shell script that acts as `terraform-provider-aws` in its debug mode, announcing `says`. */
function fakeProvider(says: string, { serves = true } = {}): string {
  const reattach = JSON.stringify({ "registry.terraform.io/hashicorp/aws": { Protocol: "grpc", ProtocolVersion: 5, Pid: 1, Test: true, Addr: { Network: "unix", String: "/nowhere" } } });
  return [
    "#!/bin/sh",
    `echo "Starting github.com/hashicorp/terraform-provider-aws@${says} (go1.23.10)..."`,
    serves ? `cat <<'EOF'\n\tTF_REATTACH_PROVIDERS='${reattach}'\nEOF` : "echo 'panic: no credentials' >&2; exit 2",
    serves ? "exec sleep 30" : "",
  ].join("\n");
}

/** A zip of the given files (deflated), as `terraform providers mirror` writes a provider's. */
function zip(files: Record<string, string>): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += header.length + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A mirror folder: packed (`…_<version>_<target>.zip`) or unpacked (`<version>/<target>/…`). */
function mirror(name: string, providers: { version: string; says?: string; packed?: boolean; serves?: boolean }[]): string {
  const root = join(dir, name);
  const at = join(root, "registry.terraform.io", "hashicorp", "aws");
  mkdirSync(at, { recursive: true });
  for (const { version, says = version, packed = false, serves = true } of providers) {
    const exe = `terraform-provider-aws_v${version}_x5`;
    if (packed) {
      writeFileSync(join(at, `terraform-provider-aws_${version}_${TARGET}.zip`), zip({ [exe]: fakeProvider(says, { serves }), "LICENSE.txt": "MPL-2.0\n" }));
    } else {
      mkdirSync(join(at, version, TARGET), { recursive: true });
      writeFileSync(join(at, version, TARGET, exe), fakeProvider(says, { serves }));
      chmodSync(join(at, version, TARGET, exe), 0o755);
    }
  }
  return root;
}

const wanted = (...constraints: string[]) => new Map([["hashicorp/aws", new Set(constraints)]]);

describe("a packed mirror (the layout `terraform providers mirror` writes)", () => {
  it("is found, unpacked, started in its debug mode and used, and the report names the zip", async () => {
    const root = mirror("packed", [{ version: "5.100.0", packed: true }]);
    const found = findRealProviders(root);
    expect(found).toEqual([{ source: "hashicorp/aws", version: "5.100.0", zip: join(root, "registry.terraform.io/hashicorp/aws", `terraform-provider-aws_5.100.0_${TARGET}.zip`) }]);
    const { chosen, problems } = chooseRealProviders(found, wanted("~> 5.0"), REQUIRED_UNDER_CI);
    expect(problems).toEqual([]);
    const real = await startRealProviders(chosen, { buildDir: join(dir, "build-packed") });
    try {
      expect(real.problems).toEqual([]);
      expect(real.started).toMatchObject([{ source: "hashicorp/aws", version: "5.100.0", constraints: ["~> 5.0"], from: found[0].zip, reattach: { ProtocolVersion: 5 } }]);
      const unpacked = join(dir, "build-packed", "unpacked", "hashicorp/aws", "5.100.0", TARGET);
      expect(readFileSync(join(unpacked, "terraform-provider-aws_v5.100.0_x5"), "utf8")).toContain("terraform-provider-aws@5.100.0");
      expect(readFileSync(join(unpacked, "LICENSE.txt"), "utf8")).toBe("MPL-2.0\n");
    } finally {
      real.stop();
    }
  });

  it("a zip that is not one is a problem that says which file, not a silent stand-in", async () => {
    const root = mirror("broken-zip", []);
    const file = join(root, "registry.terraform.io/hashicorp/aws", `terraform-provider-aws_5.100.0_${TARGET}.zip`);
    writeFileSync(file, "not a zip");
    const { chosen } = chooseRealProviders(findRealProviders(root), wanted("~> 5.0"));
    const real = await startRealProviders(chosen, { buildDir: join(dir, "build-broken") });
    expect(real.started).toEqual([]);
    expect(real.problems).toEqual([`hashicorp/aws 5.100.0: the packed mirror's zip could not be unpacked (${file}: not a zip file (no end of central directory))`]);
  });
});

describe("a real provider the stage was given but cannot use", () => {
  it("a version that fits none of the stacks' constraints", () => {
    const root = mirror("old", [{ version: "4.67.0" }]);
    const { chosen, problems } = chooseRealProviders(findRealProviders(root), wanted("~> 5.0", "~> 6.0"));
    expect(chosen).toEqual([]);
    expect(problems).toEqual([`hashicorp/aws 4.67.0 (${join(root, "registry.terraform.io/hashicorp/aws/4.67.0", TARGET)}) fits none of the stacks' constraints (~> 5.0, ~> 6.0): put a version that fits in the mirror`]);
  });

  it("one that says it is another version than its folder names", async () => {
    const root = mirror("mislabelled", [{ version: "5.100.0", says: "5.99.1" }]);
    const real = await startRealProviders(chooseRealProviders(findRealProviders(root), wanted("~> 5.0")).chosen, { buildDir: join(dir, "build-mislabelled") });
    expect(real.started).toEqual([]);
    expect(real.problems).toHaveLength(1);
    expect(real.problems[0]).toMatch(/^hashicorp\/aws 5\.100\.0 \(.*terraform-provider-aws_v5\.100\.0_x5\) says it is 5\.99\.1, not the 5\.100\.0 its folder names: the stage cannot attach to it/);
  });

  it("one that exits before it serves, with what it printed", async () => {
    const root = mirror("crashes", [{ version: "5.100.0", serves: false }]);
    const real = await startRealProviders(chooseRealProviders(findRealProviders(root), wanted("~> 5.0")).chosen, { buildDir: join(dir, "build-crashes") });
    expect(real.started).toEqual([]);
    expect(real.problems[0]).toMatch(/exited with 2 before it served: the stage cannot attach to it\. It printed:\n[\s\S]*panic: no credentials/);
  });
});

describe("the real AWS 5 provider missing", () => {
  const none = chooseRealProviders([], wanted("~> 5.0", "~> 6.0"), REQUIRED_UNDER_CI);

  it("is a problem under CI, for the reference track's constraint only (no real AWS 6 is asked for)", () => {
    expect(none.chosen).toEqual([]);
    expect(none.problems).toHaveLength(1);
    expect(none.problems[0]).toMatch(/^no real hashicorp\/aws for "~> 5\.0" in any real mirror: the stage must judge those stacks with the real provider under CI\. Put it in \/opt\/tf-plugins or a folder named by TF_PROVIDER_MIRROR/);
  });

  it("stops the stage under CI, with each problem and where to read more", () => {
    const verdict = realProviderVerdict(none.problems, { ci: true, mirrors: [] });
    expect(verdict.fail).toBe(true);
    expect(verdict.message).toContain("(real mirrors: none):\n  - no real hashicorp/aws");
    expect(verdict.message).toContain("Under CI the stage does not fall back to a stand-in.");
  });

  it("elsewhere is a warning that says the stand-ins judge instead", () => {
    expect(chooseRealProviders([], wanted("~> 5.0")).problems).toEqual([]);
    const verdict = realProviderVerdict(["no real hashicorp/aws …"], { ci: false, mirrors: ["/opt/tf-plugins"] });
    expect(verdict).toEqual({ fail: false, message: expect.stringMatching(/^terraform: WARNING, real providers not used; the stacks they were for are judged by stand-ins \(under CI this fails\):\n {2}- no real/) });
    expect(realProviderVerdict([], { ci: true, mirrors: [] })).toEqual({ fail: false, message: "" });
  });
});
