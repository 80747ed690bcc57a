/**
 * The app as cdktf runs it (`node scripts/app.mjs`, the cdktf.json "app" command), in throwaway
 * copies of the project: output must not depend on where the checkout is, and bad configuration
 * must stop synth with a message, not a stack trace.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { builtFiles } from "../scripts/build.mjs";
import { type CommandResult, runProcess } from "./commands";

const root = join(__dirname, "..");
/** The bundles of main.ts and of the packages, with what records them, and the Lambda entries' bundles (once a synth made them). */
const BUILT_APP = [...builtFiles.app(), ...builtFiles.vendor, ...[".build/entries"].filter((f) => existsSync(join(root, f)))];
const copies: string[] = [];

/**
 * A copy of the project sources (node_modules linked) at a fresh path, timestamps kept, with this
 * checkout's bundles of main.ts and of the packages (global setup brought them up to date) and of
 * the applications' Lambda entries (content-keyed; that they do not depend on the path is
 * constructs/nodejs-bundle.spec.ts's test): the copy's runner uses them as they are. The handlers
 * are built there from scratch: their bytes, the assets' hashes, must not depend on the path.
 */
function checkout(label: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), `alb-mtls-${label}-`)), "nested", label);
  copies.push(dir);
  for (const entry of ["main.ts", "constructs", "stacks", "functions", "scripts", "examples", "cdktf.json", "package.json", ...BUILT_APP]) {
    cpSync(join(root, entry), join(dir, entry), { recursive: true, preserveTimestamps: true });
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return files;
}

const env = { ...process.env, CDKTF_CONTEXT_JSON: undefined, CDKTF_OUTDIR: undefined };

/** This checkout's synth (into `out`), the copy's, and a synth with bad configuration, started together in beforeAll. */
let out: string, copy: string;
let synthHere: Promise<CommandResult>, synthCopy: Promise<CommandResult>, badConfig: Promise<CommandResult>;

beforeAll(() => {
  out = join(mkdtempSync(join(tmpdir(), "alb-mtls-out-")), "nested", "out");
  mkdirSync(join(out, ".."), { recursive: true });
  copies.push(out);
  copy = checkout("two-other-name");
  synthHere = runProcess("node", ["scripts/app.mjs"], { cwd: root, env: { ...env, CDKTF_OUTDIR: out } });
  synthCopy = runProcess("node", ["scripts/app.mjs"], { cwd: copy, env });
  // As `cdktf synth` runs the app: the configuration in CDKTF_CONTEXT_JSON, an output folder of its own.
  const bad = { ...JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")).context, stacks: { prod: { baseNme: "x", subnets: "public-a" } } };
  const badOut = join(out, "..", "bad");
  badConfig = runProcess("node", ["scripts/app.mjs"], { cwd: root, env: { ...env, CDKTF_CONTEXT_JSON: JSON.stringify(bad), CDKTF_OUTDIR: badOut } });
});

afterAll(() => {
  for (const dir of copies) rmSync(join(dir, "..", ".."), { recursive: true, force: true });
});

describe("the app", () => {
  it("synthesizes byte-identical, machine-independent stack folders from two checkouts", async () => {
    // This checkout and a copy at another path.
    expect((await synthHere).code).toBe(0);
    expect((await synthCopy).code).toBe(0);
    const [a, b] = [root, copy];
    const [ta, tb] = [tree(out), tree(join(b, "cdktf.out"))];

    expect(Object.keys(ta)).toEqual(expect.arrayContaining(["manifest.json", "stacks/article/cdk.tf.json"]));
    expect(Object.keys(ta).some((f) => /^stacks\/article\/assets\/lambda_handler\/[0-9A-F]{32}\/index\.mjs$/.test(f))).toBe(true);
    // The apps stack's Lambda, bundled from examples/apps/hello/index.ts in each checkout.
    expect(Object.keys(ta).some((f) => /^stacks\/apps\/assets\/app_hello_lambda_handler\/[0-9A-F]{32}\/index\.mjs$/.test(f))).toBe(true);
    expect(tb).toEqual(ta);
    for (const [file, content] of Object.entries(ta)) {
      expect({ file, hasPath: content.includes(a) || content.includes(b) || content.includes(tmpdir()) || content.includes(root) }).toEqual({ file, hasPath: false });
      expect({ file, hasKey: content.includes("PRIVATE KEY") }).toEqual({ file, hasKey: false });
    }
  }, 30_000);

  it("packages the echo handler, which runs and answers as the reference", async () => {
    await synthCopy;
    const asset = Object.keys(tree(join(copy, "cdktf.out"))).find((f) => /^stacks\/article\/assets\/.*\/index\.mjs$/.test(f))!;
    // A child node process loads it as Lambda's Node runtime does: an ES module exporting `handler`.
    const script = `const { handler } = await import(process.argv[1]);
      console.log(JSON.stringify(await handler({ requestContext: { elb: { targetGroupArn: "arn:x" } }, path: "/" })));`;
    const { stdout } = await runProcess("node", ["--input-type=module", "-e", script, join(copy, "cdktf.out", asset)]);
    const res = JSON.parse(stdout);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).event.requestContext.elb.targetGroupArn).toBe("[HIDDEN]");
  }, 30_000);

  it("stops on bad configuration with every problem named, and no stack trace", async () => {
    const { code, stdout, stderr } = await badConfig;
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("stacks.prod.baseNme: unknown key");
    expect(stderr).toContain("stacks.prod.subnets: expected an array of strings");
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 30_000);
});
