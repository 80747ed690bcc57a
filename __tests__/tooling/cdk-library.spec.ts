/**
 * CDK Terrain beside cdktf (docs/cdk-terrain.md): the comparison CI makes between a synth on cdktf
 * and on cdktn (scripts/compare-synth.mjs, scripts/cdktn-check.mjs) finds a planted difference and
 * nothing else; the app's bundle holds one CDK library only; and the bundle no longer calls Node's
 * deprecated util.isArray (the `[ERROR] … DEP0044` line of every synth on Node 22 and 24).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertOneCdkLibrary, buildDir, cdkLibraries, UTIL_IS_ARRAY, vendorBundle } from "../../scripts/build.mjs";
import { firstDifference, synthDifferences } from "../../scripts/compare-synth.mjs";

const dir = mkdtempSync(join(tmpdir(), "alb-mtls-cdk-library-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stack = (version: string, name = "mtls") => ({
  "//": { metadata: { backend: "local", stackName: "article", version } },
  resource: { aws_lb: { alb: { name, internal: false } } },
});

/** A synth output folder (`stacks/article/cdk.tf.json` and one asset) under `dir`. */
function output(name: string, json: unknown, asset = "zip bytes"): string {
  const stacks = join(dir, name, "stacks");
  mkdirSync(join(stacks, "article", "assets"), { recursive: true });
  writeFileSync(join(stacks, "article", "cdk.tf.json"), JSON.stringify(json, null, 2));
  writeFileSync(join(stacks, "article", "assets", "handler.zip"), asset);
  return stacks;
}

describe("the comparison of a synth on cdktf and on cdktn", () => {
  const onCdktf = output("cdktf", stack("0.21.0"));

  it("finds nothing but the version string between the two", () => {
    expect(synthDifferences(output("cdktn", stack("0.24.0")), onCdktf, { ignoreVersion: true })).toEqual([]);
  });

  it("fails on a planted difference, naming the file and the path", () => {
    expect(synthDifferences(output("planted", stack("0.24.0", "other")), onCdktf, { ignoreVersion: true })).toEqual([
      "article/cdk.tf.json: differs at resource.aws_lb.alb.name",
    ]);
  });

  it("fails on an asset that differs, a file on one side only and an empty output", () => {
    const stacks = output("asset", stack("0.24.0"), "other bytes");
    writeFileSync(join(stacks, "article", "extra.json"), "{}");
    expect(synthDifferences(stacks, onCdktf, { ignoreVersion: true })).toEqual([
      "article/assets/handler.zip: bytes differ",
      `article/extra.json: only in ${stacks}`,
    ]);
    expect(synthDifferences(join(dir, "none"), onCdktf)).toEqual([`${join(dir, "none")}: no synthesized files`]);
  });

  it("compares byte for byte without ignoreVersion (Node 20 against 22 and 24)", () => {
    expect(synthDifferences(output("same", stack("0.21.0")), onCdktf)).toEqual([]);
    expect(synthDifferences(output("version", stack("0.24.0")), onCdktf)).toEqual(["article/cdk.tf.json: bytes differ"]);
  });

  it("tells key order, array length and type apart", () => {
    expect(firstDifference({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe("a (keys differ)");
    expect(firstDifference({ l: [1, 2] }, { l: [1] })).toBe("l (length 2 against 1)");
    expect(firstDifference({ x: { y: "1" } }, { x: { y: 1 } })).toBe("x.y");
    expect(firstDifference([{ z: null }], [{ z: null }])).toBeUndefined();
  });
});

describe("one CDK library in a bundle", () => {
  it("names the libraries a bundle's inputs come from", () => {
    expect(cdkLibraries(["main.ts", "node_modules/cdktf/lib/index.js", "node_modules/@cdktf/provider-aws/lib/lb/index.js"])).toEqual(["cdktf"]);
    expect(cdkLibraries(["node_modules/cdktn/lib/app.js", "node_modules/cdktf/lib/app.js"])).toEqual(["cdktf", "cdktn"]);
  });

  it("refuses a bundle that would load both", () => {
    expect(() => assertOneCdkLibrary(["node_modules/cdktn/lib/app.js", "node_modules/cdktf/lib/app.js"], "vendor.cjs")).toThrow(
      "vendor.cjs would load both cdktf and cdktn",
    );
    expect(() => assertOneCdkLibrary(["node_modules/cdktn/lib/app.js"], "vendor.cjs")).not.toThrow();
  });

  it("the app's packages' bundle (built for this run) holds cdktf alone", () => {
    const inputs: string[] = JSON.parse(readFileSync(join(buildDir, "vendor.inputs.json"), "utf8"));
    expect(cdkLibraries(inputs)).toEqual(["cdktf"]);
  });
});

describe("no util.isArray (DEP0044) in the app's bundle", () => {
  it("matches the call as cdktf 0.21.0 compiles it", () => {
    expect("!(0, util_2.isArray)(object) &&".replace(UTIL_IS_ARRAY, "Array.isArray(")).toBe("!Array.isArray(object) &&");
  });

  it("leaves no call to it in .build/vendor.cjs", () => {
    expect(readFileSync(vendorBundle, "utf8").match(/\butil_\d+\.isArray\b/g)).toBeNull();
  });
});
