/**
 * A team's own entry, as docs/typescript.md has a new user write it (`myapp/main.ts`), in a copy of
 * the project: the app runner synthesizes it and prints the synth's warnings; a mistake in its props
 * stops it with the message and exit code 1, no stack trace; the project's typecheck covers files a
 * team adds anywhere and fails a broken one at its file and line. The same typecheck run checks
 * every TypeScript snippet of README.md and docs/ (doc-snippets.ts), written into the copy as a
 * team's files; each snippet that is a whole app (`app.synth()`: it teaches a main.ts) is also
 * synthesized, as a team would run it.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { builtFiles } from "../scripts/build.mjs";
import { type CommandResult, runProcess } from "./commands";
import { SNIPPET_FOLDER, type Snippet, docSnippets, writeSnippets } from "./doc-snippets";

const root = join(__dirname, "..");
const env = { ...process.env, CDKTF_CONTEXT_JSON: undefined, CDKTF_OUTDIR: undefined };
let dir: string;
/** Started together in beforeAll (seconds each): the docs' entry synthesized, the typecheck, the snippets' apps synthesized. */
let synthDocs: Promise<CommandResult>, typecheck: Promise<CommandResult>, synthSnippets: Promise<string[]>;
/** The snippets' lines in the typecheck's output, as page:line. */
let placeSnippetErrors: (line: string) => string;

/** An entry with a type error on line 6, in a folder of its own. */
const BROKEN = `import { App } from "cdktf";
import { AlbMtlsStack } from "../../stacks/alb-mtls-stack";

const app = new App();
new AlbMtlsStack(app, "broken", {
  applications: { web: { lambda: { entry: "myapp/greeter.ts", memorySize: "256" } } },
});
app.synth();
`;

/** A snippet that must fail at a known line: proves that the snippets' errors are found and placed. */
const BROKEN_SNIPPET: Snippet = { page: "(self-test)", line: 40, code: 'import { Alb } from "../constructs/alb";\nconst name: number = Alb.name;\nconsole.log(name);' };

/** A snippet that is an app and crashes at synth (a resource without its provider): proves that the apps' synth failures are found. */
const BROKEN_APP: Snippet = {
  page: "(self-test-app)",
  line: 1,
  code: 'import { App, TerraformStack } from "cdktf";\nimport { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";\n\nconst app = new App();\nnew S3Bucket(new TerraformStack(app, "noprovider"), "logs", {});\napp.synth();',
};

/** Runs a command in the copy; its exit code and output, whether it failed or not. */
const run = (command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) => runProcess(command, args, { cwd: dir, env: { ...env, ...extraEnv } });

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
  // The project as `npm ci` leaves it: the handlers and the packages' bundle built (global setup
  // brought them up to date), timestamps kept, so the runner bundles only the team's own files.
  for (const entry of ["constructs", "stacks", "functions", "scripts", "examples", "cdktf.json", "package.json", "tsconfig.json", ...builtFiles.functions, ...builtFiles.vendor]) {
    cpSync(join(root, entry), join(dir, entry), { recursive: true, preserveTimestamps: true });
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  mkdirSync(join(dir, "cdktf.out")); // made once, not raced for by two apps
  for (const [file, code] of Object.entries(docFiles())) write(file, code);
  write("teams/broken/main.ts", BROKEN);
  const snippets = [...docSnippets(root), BROKEN_SNIPPET, BROKEN_APP];
  placeSnippetErrors = writeSnippets(dir, snippets);
  synthDocs = run("node", ["scripts/app.mjs", "myapp/main.ts"]);
  synthSnippets = synthesizeApps(snippets);
  // `npm run typecheck` as npm runs it: the package's script, in a shell, its node_modules/.bin first on PATH.
  const script = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).scripts.typecheck;
  typecheck = run("sh", ["-c", script], { PATH: `${join(dir, "node_modules", ".bin")}${delimiter}${process.env.PATH}` });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Synthesizes, one after the other, each snippet that is a whole app (docs/typescript.md's is
 * myapp/main.ts above), each into a folder of its own; the problems found, as `page:line: …`: an
 * exit code other than 0 (a crash at synth, such as a resource without its provider) or an error
 * annotation in the manifest.
 */
async function synthesizeApps(snippets: Snippet[]): Promise<string[]> {
  const problems: string[] = [];
  for (const [index, snippet] of snippets.entries()) {
    if (!/\bapp\.synth\(\)/.test(snippet.code) || snippet.page === "docs/typescript.md") continue;
    const out = join(dir, ".snippet-out", String(index));
    mkdirSync(out, { recursive: true });
    const { code, stderr } = await run("node", ["scripts/app.mjs", `${SNIPPET_FOLDER}/snippet_${index}.ts`], { CDKTF_OUTDIR: out });
    const where = `${snippet.page}:${snippet.line}`;
    if (code !== 0) {
      const lines = stderr.trim().split("\n");
      problems.push(`${where}: synth exited with ${code}: ${(lines.find((l) => /Found resources/.test(l)) ?? lines.find((l) => /^\w*Error: /.test(l)) ?? lines[0])?.trim()}`);
      continue;
    }
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    for (const stack of Object.values<{ annotations?: { level: string; message: string }[] }>(manifest.stacks)) {
      for (const { level, message } of stack.annotations ?? []) if (level === "@cdktf/error") problems.push(`${where}: ${message}`);
    }
  }
  return problems;
}

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

  it("with a mistake in its props (a Lambda entry that is not there), stops with the message, exit code 1 and no stack trace", async () => {
    // After the synth above and the typecheck (which read the file); every other problem the props
    // can have is worded by the same check (__tests__/stacks/typescript-props.spec.ts).
    await Promise.all([synthDocs, typecheck]);
    renameSync(join(dir, "myapp/greeter.ts"), join(dir, "myapp/greeter.ts.moved"));
    const { code, stdout, stderr } = await run("node", ["scripts/app.mjs", "myapp/main.ts"]);
    expect({ code, stdout, stderr }).toEqual({
      code: 1,
      stdout: "",
      stderr: `mygate: applications.greeter.lambda.entry: file "myapp/greeter.ts" not found (relative to ${dir})\n`,
    });
  }, 60_000);

  it("with a type error, fails `npm run typecheck` at its file and line, wherever it is in the project", async () => {
    const { code, stdout } = await typecheck;
    expect(code).not.toBe(0);
    const errors = stdout.trim().split("\n").filter((line) => !line.startsWith("doc-snippets/"));
    // Only the broken file: the docs' entry and the project type-check.
    expect(errors).toEqual([expect.stringMatching(/^teams\/broken\/main\.ts\(6,\d+\): error TS2322: Type 'string' is not assignable to type 'number'\.$/)]);
  }, 60_000);

  it("and every TypeScript snippet of README.md and docs/ passes the same typecheck (errors at page:line)", async () => {
    const { stdout } = await typecheck;
    const errors = stdout.trim().split("\n").filter((line) => line.startsWith("doc-snippets/")).map(placeSnippetErrors);
    expect(errors.filter((e) => !e.startsWith("(self-test):"))).toEqual([]);
    // The broken snippet's second line is line 41 of its "page".
    expect(errors).toEqual([expect.stringMatching(/^\(self-test\):41:7: error TS2322: Type 'string' is not assignable to type 'number'/)]);
  }, 60_000);

  it("and every snippet that is a whole app (a main.ts) synthesizes, not only type-checks", async () => {
    const problems = await synthSnippets;
    expect(problems.filter((p) => !p.startsWith("(self-test-app):"))).toEqual([]);
    expect(problems).toEqual([expect.stringMatching(/^\(self-test-app\):1: synth exited with 1: .*Found resources without a matching provider construct/)]);
  }, 60_000);
});
