import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BundleError, bundleNodejsEntry } from "../../constructs/nodejs-bundle";

const FIXTURE = resolve("__tests__/fixtures/apps/hello");
const tmp = mkdtempSync(join(tmpdir(), "alb-mtls-bundle-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A project folder at `name` with the fixture entry under src/ and the real node_modules linked in. */
function project(name: string, files: Record<string, string> = {}): string {
  const root = join(tmp, name);
  mkdirSync(join(root, "src"), { recursive: true });
  writeFileSync(join(root, "package.json"), '{ "name": "user-project", "private": true }');
  symlinkSync(resolve("node_modules"), join(root, "node_modules"));
  for (const f of ["index.ts", "greeting.ts"]) copyFileSync(join(FIXTURE, f), join(root, "src", f));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(root, f), text);
  return root;
}

/** Runs the bundle's handler with plain node, from a folder with no node_modules. */
function invoke(bundle: string, event: unknown): { statusCode: number; body: string } {
  const alone = mkdtempSync(join(tmp, "alone-"));
  copyFileSync(bundle, join(alone, "index.mjs"));
  const script = `const m = await import(${JSON.stringify(join(alone, "index.mjs"))}); console.log(JSON.stringify(await m.handler(${JSON.stringify(event)})));`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: alone, encoding: "utf8" }));
}

describe("bundling a Lambda entry", () => {
  const a = project("a");
  const first = bundleNodejsEntry({ entry: join(a, "src/index.ts") });

  it("is one minified ES module that runs without node_modules: dependencies and relative imports included", () => {
    const code = readFileSync(first.file, "utf8");
    expect(first.file).toBe(join(a, ".build/entries/src_index-" + first.file.split("src_index-")[1]));
    expect(code).not.toMatch(/from\s*"jose"|from\s*"\.\/greeting"/);
    expect(code.split("\n").length).toBeLessThan(10); // minified
    // header {"alg":"RS256"} → jose's decodeProtectedHeader, bundled, reads it
    const token = `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.e30.sig`;
    expect(invoke(first.file, { headers: { "cf-access-jwt-assertion": token } })).toMatchObject({ statusCode: 200, body: "Hello, world! (alg RS256)" });
  });

  it("records every input relative to the project root, the dependency's files included", () => {
    expect(first.inputs).toEqual(expect.arrayContaining(["src/index.ts", "src/greeting.ts"]));
    expect(first.inputs.some((i) => i.startsWith("node_modules/jose/"))).toBe(true);
    expect(first.inputs.every((i) => !i.startsWith("/"))).toBe(true);
  });

  it("is byte-identical from another checkout at another path", () => {
    const other = bundleNodejsEntry({ entry: join(project("elsewhere-with-a-longer-path"), "src/index.ts") });
    expect(other.rebuilt).toBe(true);
    expect(readFileSync(other.file).equals(readFileSync(first.file))).toBe(true);
  });

  it("is not rebuilt while its inputs are unchanged, and is rebuilt when one changes", () => {
    const again = bundleNodejsEntry({ entry: join(a, "src/index.ts") });
    expect(again).toEqual({ ...first, rebuilt: false });
    writeFileSync(join(a, "src/greeting.ts"), "export const greeting = (who: string): string => `Hi, ${who}!`;\n");
    const changed = bundleNodejsEntry({ entry: join(a, "src/index.ts") });
    expect(changed.rebuilt).toBe(true);
    expect(invoke(changed.file, {}).body).toBe("Hi, world! (alg none)");
  });

  it("targets the runtime's Node.js version, in a cache entry of its own", () => {
    const node20 = bundleNodejsEntry({ entry: join(a, "src/index.ts"), runtime: "nodejs20.x" });
    expect(node20.file).not.toBe(first.file);
    expect(() => bundleNodejsEntry({ entry: join(a, "src/index.ts"), runtime: "python3.12" })).toThrow('runtime "python3.12" is not a Node.js runtime');
  });

  it("leaves @aws-sdk/* to the runtime, as NodejsFunction does", () => {
    const root = project("sdk", { "src/sdk.ts": 'import { STSClient } from "@aws-sdk/client-sts";\nexport const handler = async () => typeof STSClient;\n' });
    expect(readFileSync(bundleNodejsEntry({ entry: join(root, "src/sdk.ts") }).file, "utf8")).toMatch(/from"@aws-sdk\/client-sts"/);
  });

  it("reports the entry's errors with file and line, and refuses an entry outside the project", () => {
    const root = project("broken", { "src/broken.ts": "export const handler = async () => {\n  return 1 +;\n};\n" });
    let error: unknown;
    try {
      bundleNodejsEntry({ entry: join(root, "src/broken.ts") });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BundleError);
    expect((error as Error).message).toMatch(/^src\/broken\.ts does not bundle:\nsrc\/broken\.ts:2:\d+: /);
    expect(() => bundleNodejsEntry({ entry: join(root, "src/missing.ts") })).toThrow(`file ${JSON.stringify(join(root, "src/missing.ts"))} not found`);
    expect(() => bundleNodejsEntry({ entry: join(root, "src/index.ts"), projectRoot: join(root, "node_modules") })).toThrow(/is outside the project root/);
  });
});
