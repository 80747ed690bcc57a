/**
 * The TypeScript snippets of README.md and docs/*.md, written into a project the way a team writes
 * its own files, so that the project's `npm run typecheck` checks them (team-entry.test.ts does,
 * in a copy of the project) and its errors are reported at the page and line of the snippet.
 *
 * Each ```ts / ```typescript fence becomes a file of one folder of the project (`doc-snippets/`,
 * beside `myapp/`, so a snippet imports `../constructs/alb` as a team's own `myapp/main.ts` does,
 * and resolves the project's node_modules and its `alb-mtls-cdktf/gate` export). A fence marked
 * ```ts fragment is skipped: use it only for a piece that cannot stand alone, and say in the text
 * what it belongs to.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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

/** Every snippet of the project's README.md and docs/*.md. */
export function docSnippets(root: string): Snippet[] {
  const pages = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)];
  return pages.flatMap((page) => typeScriptSnippets(page, readFileSync(join(root, page), "utf8")));
}

export const SNIPPET_FOLDER = "doc-snippets";

/**
 * Writes the snippets into `<project>/doc-snippets/`, one module each, and returns what turns a
 * line of `tsc --pretty false` output about them into `page:line:column: message` (other lines
 * are returned as they are).
 */
export function writeSnippets(project: string, snippets: Snippet[]): (tscLine: string) => string {
  mkdirSync(join(project, SNIPPET_FOLDER), { recursive: true });
  const files = new Map<string, Snippet>();
  snippets.forEach((snippet, index) => {
    const file = `snippet_${index}.ts`;
    files.set(file, snippet);
    // `export {}` makes each snippet a module of its own, as a file of a team's is.
    writeFileSync(join(project, SNIPPET_FOLDER, file), `${snippet.code}\nexport {};\n`);
  });
  return (line) => {
    const located = new RegExp(`^${SNIPPET_FOLDER}/(snippet_\\d+\\.ts)\\((\\d+),(\\d+)\\): (.*)$`).exec(line);
    const snippet = located && files.get(located[1]);
    return located && snippet ? `${snippet.page}:${snippet.line + Number(located[2]) - 1}:${located[3]}: ${located[4]}` : line;
  };
}
