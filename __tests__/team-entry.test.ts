/**
 * A team's own entry, as docs/typescript.md has a new user write it (`myapp/main.ts`), in a copy of
 * the project: the app runner synthesizes it and prints the synth's warnings; a bad prop stops it
 * with the message and exit code 1, no stack trace; `npm run typecheck` fails a broken entry at its
 * file and line.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const root = join(__dirname, "..");
const env = { ...process.env, CDKTF_CONTEXT_JSON: undefined, CDKTF_OUTDIR: undefined };
let dir: string;
type Result = { code: number; stdout: string; stderr: string };
/** The three runs, started together in beforeAll (they take a few seconds each). */
let synthDocs: Promise<Result>, synthBad: Promise<Result>, typecheck: Promise<Result>;

/** An entry whose props type-check but are wrong: a hostname with a dot, a misspelt entry. */
const BAD = `import { App } from "cdktf";
import { AlbMtlsStack } from "../stacks/alb-mtls-stack";

const app = new App();
new AlbMtlsStack(app, "mygate", { applications: { greeter: { hostname: "greeter.eu", lambda: { entry: "myapp/greter.ts" } } } });
app.synth();
`;

/** An entry with a type error on line 6, in a folder of its own. */
const BROKEN = `import { App } from "cdktf";
import { AlbMtlsStack } from "../../stacks/alb-mtls-stack";

const app = new App();
new AlbMtlsStack(app, "broken", {
  applications: { web: { lambda: { entry: "myapp/greeter.ts", memorySize: "256" } } },
});
app.synth();
`;

/** Runs a command in the copy; its exit code and output, whether it failed or not. */
function run(command: string, args: string[]): Promise<Result> {
  return promisify(execFile)(command, args, { cwd: dir, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: Result) => e,
  );
}

/** The ```ts blocks of docs/typescript.md that name their file on their first line (`// myapp/main.ts`). */
function docFiles(): Record<string, string> {
  const markdown = readFileSync(join(root, "docs", "typescript.md"), "utf8");
  const files: Record<string, string> = {};
  for (const [, code] of markdown.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const name = /^\/\/ (\S+\.ts)\n/.exec(code)?.[1];
    if (name) files[name] = code;
  }
  return files;
}

function write(file: string, text: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "alb-mtls-team-"));
  // The handlers as global setup built them, timestamps kept: the runner finds them up to date.
  for (const entry of ["constructs", "stacks", "functions", "scripts", "cdktf.json", "package.json", "tsconfig.json", ".build/functions", ".build/functions.inputs.json"]) {
    cpSync(join(root, entry), join(dir, entry), { recursive: true, preserveTimestamps: true });
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  mkdirSync(join(dir, "cdktf.out")); // made once, not raced for by two apps
  for (const [file, code] of Object.entries(docFiles())) write(file, code);
  write("bad/main.ts", BAD);
  write("teams/broken/main.ts", BROKEN);
  synthDocs = run("node", ["scripts/app.mjs", "myapp/main.ts"]);
  synthBad = run("node", ["scripts/app.mjs", "bad/main.ts"]);
  typecheck = run("npm", ["run", "--silent", "typecheck"]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a team's own main.ts", () => {
  it("is in the docs, with its Lambda entry", () => {
    expect(Object.keys(docFiles()).sort()).toEqual(["myapp/greeter.ts", "myapp/main.ts"]);
  });

  it("synthesizes with the app runner, which prints the synth's warnings as the cdktf CLI does", async () => {
    const { code, stderr } = await synthDocs;
    expect({ code, stderr }).toEqual({
      code: 0,
      stderr: expect.stringMatching(/^WARN \[mygate\/app_grafana\]: applications\.grafana: accessJwt: the stack cannot make an http target check the Access JWT;/),
    });
    const json = JSON.parse(readFileSync(join(dir, "cdktf.out", "stacks", "mygate", "cdk.tf.json"), "utf8"));
    expect(Object.keys(json.resource.aws_lambda_function)).toEqual(["app_greeter_lambda_function"]);
    expect(json.resource.aws_lb_listener_rule.app_grafana_target_rule.condition).toContainEqual({ path_pattern: { values: ["/grafana/*"] } });
  }, 60_000);

  it("with bad props, stops with every problem named, exit code 1 and no stack trace", async () => {
    const { code, stdout, stderr } = await synthBad;
    expect({ code, stdout, stderr }).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        "mygate: invalid props:",
        '  - applications.greeter.hostname: "greeter.eu" must be a DNS label: 1–63 lowercase letters, digits and hyphens, not starting or ending with a hyphen; the stack appends the Cloudflare zone ("greeter" becomes greeter.<zone>)',
        `  - applications.greeter.lambda.entry: file "myapp/greter.ts" not found (relative to ${dir})`,
        "",
      ].join("\n"),
    });
  }, 60_000);

  it("with a type error, fails `npm run typecheck` at its file and line, wherever it is in the project", async () => {
    const { code, stdout } = await typecheck;
    expect(code).not.toBe(0);
    // Only the broken file: the docs' entry, the bad entry (its mistakes are values) and the project type-check.
    expect(stdout.trim().split("\n")).toEqual([expect.stringMatching(/^teams\/broken\/main\.ts\(6,\d+\): error TS2322: Type 'string' is not assignable to type 'number'\.$/)]);
  }, 60_000);
});
