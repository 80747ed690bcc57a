/**
 * Every TypeScript snippet of README.md and docs/*.md compiles, so a reader can copy it.
 *
 * Each ```ts / ```typescript fence becomes a file in a folder made for the run inside the project
 * (`.doc-snippets-XXXXXX/`, beside `myapp/`, so a snippet imports `../constructs/alb` as a team's
 * own `myapp/main.ts` does, and resolves the project's node_modules and its `alb-mtls-cdktf/gate`
 * export). One `tsc --noEmit` run checks them all with the project's compiler options; errors are
 * reported at the page and line of the snippet. A fence marked ```ts fragment is skipped: use it
 * only for a piece that cannot stand alone, and say in the text what it belongs to.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const TSC = join(ROOT, "node_modules", ".bin", "tsc");

export interface Snippet {
  /** The page, relative to the project root. */
  readonly page: string;
  /** Line of the page that holds the snippet's first line (1-based). */
  readonly line: number;
  readonly code: string;
}

/** An opening fence (CommonMark: a backtick fence's info string holds no backtick), its language and the rest. */
const FENCE = /^( {0,3})(`{3,}(?=[^`]*$)|~{3,})\s*(\S*)(.*)$/;

/** The TypeScript snippets of a Markdown page, without those marked `fragment`. */
export function typeScriptSnippets(page: string, markdown: string): Snippet[] {
  const lines = markdown.split("\n");
  const found: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const [, indent, marker, lang, info] = open;
    const end = lines.findIndex((l, j) => j > i && l.trim().startsWith(marker) && l.trim().replace(/[`~]/g, "") === "");
    const close = end === -1 ? lines.length : end;
    const typeScript = lang === "ts" || lang === "typescript";
    if (typeScript && !info.split(/\s+/).includes("fragment")) {
      const body = lines.slice(i + 1, close).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l));
      found.push({ page, line: i + 2, code: body.join("\n") });
    }
    i = close;
  }
  return found;
}

/** Type-checks the snippets in one tsc run; returns the errors as `page:line:column: message`. */
export function typeCheck(snippets: Snippet[]): string[] {
  const dir = mkdtempSync(join(ROOT, ".doc-snippets-"));
  try {
    const files = new Map<string, Snippet>();
    snippets.forEach((snippet, index) => {
      const file = `snippet_${index}.ts`;
      files.set(file, snippet);
      // `export {}` makes each snippet a module of its own, as a file of a team's is.
      writeFileSync(join(dir, file), `${snippet.code}\nexport {};\n`);
    });
    // Only the snippets: the project's options, not its file lists.
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: "../tsconfig.json", files: [], include: ["*.ts"] }));
    let output: string;
    try {
      output = execFileSync(TSC, ["-p", dir, "--pretty", "false"], { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      const { stdout, stderr } = error as { stdout: string; stderr: string };
      output = `${stdout}${stderr}`;
      if (output.trim() === "") throw error;
    }
    const errors: string[] = [];
    for (const line of output.split("\n")) {
      const located = /(snippet_\d+\.ts)\((\d+),(\d+)\): (.*)$/.exec(line);
      const snippet = located && files.get(located[1]);
      if (located && snippet) errors.push(`${snippet.page}:${snippet.line + Number(located[2]) - 1}:${located[3]}: ${located[4]}`);
      else if (/^\s/.test(line) && errors.length > 0) errors[errors.length - 1] += `\n${line}`;
      else if (line.trim() !== "") errors.push(line);
    }
    return errors;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PAGES = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)];
const DOC_SNIPPETS = PAGES.flatMap((page) => typeScriptSnippets(page, readFileSync(join(ROOT, page), "utf8")));

/** A snippet that must fail at a known line: proves that errors are found and placed. */
const BROKEN: Snippet = { page: "(self-test)", line: 40, code: 'import { Alb } from "../constructs/alb";\nconst name: number = Alb.name;\nconsole.log(name);' };

describe("TypeScript snippets in README.md and docs/", () => {
  it("finds the pages' snippets, fences and fragments told apart", () => {
    const page = [
      "text", "```ts", "const a = 1;", "```", "```ts fragment", "x.y();", "```", "  ```typescript", "  const b = 2;", "  ```",
      "```` ```ts ```` is inline code", "```json", "{}", "```",
    ].join("\n");
    expect(typeScriptSnippets("p.md", page)).toEqual([
      { page: "p.md", line: 3, code: "const a = 1;" },
      { page: "p.md", line: 9, code: "const b = 2;" },
    ]);
    expect(DOC_SNIPPETS.length).toBeGreaterThan(0);
  });

  it("all compile with the project's compiler options (errors at page:line)", () => {
    const errors = typeCheck([...DOC_SNIPPETS, BROKEN]);
    expect(errors.filter((e) => !e.startsWith("(self-test):"))).toEqual([]);
    // The broken snippet's second line is line 41 of its "page".
    expect(errors).toEqual([expect.stringMatching(/^\(self-test\):41:7: error TS2322: Type 'string' is not assignable to type 'number'/)]);
  });
});
