/**
 * How the TypeScript snippets of README.md and docs/*.md are found (doc-snippets.ts). That they all
 * compile is checked where a team's own files are, by the project's typecheck in a copy of the
 * project (team-entry.test.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { docSnippets, typeScriptSnippets } from "../doc-snippets";

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
  });

  it("never pass `handlers`: the TypeScript route says a team never does (the stack builds its own)", () => {
    const passing = docSnippets(join(__dirname, "..", "..")).filter((s) => /\bhandlers\s*:/.test(s.code));
    expect(passing.map((s) => `${s.page}:${s.line}`)).toEqual([]);
    expect(readFileSync(join(__dirname, "..", "..", "docs", "typescript.md"), "utf8")).toContain("You never pass `handlers`");
  });

  it("reads the pages of docs/ (and the README)", () => {
    const pages = new Set(docSnippets(join(__dirname, "..", "..")).map((s) => s.page));
    expect([...pages]).toEqual(expect.arrayContaining(["docs/typescript.md", "docs/constructs.md", "docs/applications.md"]));
  });
});
