/**
 * The README and the docs/ pages link to each other: every relative link points at a file that
 * exists and, with `#anchor`, at a heading of that page (GitHub's heading ids). Code (fences and
 * inline code) is not read for links. No page points outside the repository, by a link or by a path
 * in its text or code (a reader of a clone has only the clone: what lies outside is cited by its
 * public address).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";

const ROOT = join(__dirname, "..", "..");
const PAGES = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)];

/**
 * Pages that other work in progress adds (issue 13: the TypeScript route; provider tracks). Until
 * one exists, links to it are not checked; once it exists, they are, anchors included.
 */
const PAGES_IN_PROGRESS = ["docs/typescript.md", "docs/provider-tracks.md"];

/** The page without fenced code blocks and inline code, so that code is never read as a link or heading. */
function prose(markdown: string): string {
  return markdown
    .replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\2[`~]*[ \t]*$/gm, "")
    .replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, "");
}

/** GitHub's ids for a page's headings: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  const text = markdown.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\2[`~]*[ \t]*$/gm, "");
  for (const [, heading] of text.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    ids.add(count === 0 ? base : `${base}-${count}`);
  }
  return ids;
}

/** Every broken relative link of a page, as `page: [text](target): why`. */
function brokenLinks(page: string): string[] {
  const broken: string[] = [];
  for (const [link, target] of prose(readFileSync(join(ROOT, page), "utf8")).matchAll(/\[[^\]]*\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target)) continue;
    const [path, anchor] = target.split("#", 2);
    const file = path === "" ? page : normalize(join(dirname(page), path));
    if (file.startsWith("..")) {
      broken.push(`${page}: ${link}: leaves the repository`);
      continue;
    }
    if (!existsSync(join(ROOT, file))) {
      if (!PAGES_IN_PROGRESS.includes(file)) broken.push(`${page}: ${link}: no file ${file}`);
      continue;
    }
    if (anchor !== undefined && file.endsWith(".md") && !headingIds(readFileSync(join(ROOT, file), "utf8")).has(anchor)) {
      broken.push(`${page}: ${link}: no heading #${anchor} in ${file}`);
    }
  }
  return broken;
}

/**
 * Where a relative path in a page's text or code may start: the page's folder, a team's folder of
 * the project (`myapp/`, whose files import `../stacks/…`) and a stack folder
 * (`cdktf.out/stacks/<stack>/`, whose configuration reads `../../../terraform.<stack>.tfstate`).
 */
const PATH_BASES = (page: string) => [dirname(page), "myapp", "cdktf.out/stacks/x"];

/** Whether a path the docs name exists in the repository, as written or as a module (`../stacks/alb-mtls-stack`). */
function inRepository(file: string): boolean {
  return ["", ".ts", ".md", "/index.ts"].some((ext) => existsSync(join(ROOT, `${file}${ext}`)));
}

/**
 * Every path of a page, text and code alike, that leaves the repository: an absolute path of a
 * machine's (`/work/…`, `file:`), or a `../` path that from no base of PATH_BASES names a file of the
 * repository. A placeholder (`<stack>`, `…`) or a state file stands for a file the reader makes:
 * such a path has to name a folder of the repository.
 */
export function pathsLeaving(page: string, markdown: string): string[] {
  const found: string[] = [];
  for (const [path] of markdown.matchAll(/(?<![\w./-])(?:\/work\/|\/tmp\/|file:\/\/)[^\s`'")\]]*/g)) found.push(`${page}: ${path}: a path of one machine`);
  for (const [path] of markdown.matchAll(/(?<![\w./-])(?:\.\.\/)+[^\s`'")\]#]*/g)) {
    // A placeholder, or a file the project makes (the local state): its folder must be the repository's.
    const made = /[<…*$]|\.tfstate$|\.tfvars(\.json)?$/.test(path);
    const fine = PATH_BASES(page).some((base) => {
      const file = normalize(join(base, path));
      return !file.startsWith("..") && (made ? existsSync(join(ROOT, dirname(file))) : inRepository(file));
    });
    if (!fine) found.push(`${page}: ${path}: leaves the repository`);
  }
  return found;
}

describe("links between README.md and docs/", () => {
  it("computes GitHub's heading ids", () => {
    const ids = headingIds("# Your own main.ts: how cdktf finds its stacks\n## Speed\n```sh\n# not a heading\n```\n## Speed\n### `withGate` and Access");
    expect([...ids]).toEqual(["your-own-maints-how-cdktf-finds-its-stacks", "speed", "speed-1", "withgate-and-access"]);
  });

  it("point at pages and headings that exist", () => {
    expect(PAGES.flatMap(brokenLinks)).toEqual([]);
  });

  it("finds a path that leaves the repository, in text and code alike", () => {
    const page = [
      "The reference (in `../shared/seeds/000_article.md`) and [its hashes](../shared/article.sha256).",
      "```ts", 'import { Alb } from "../constructs/alb";', "```",
      "State: `../../../terraform.<stack>.tfstate`; a team's files: `../stacks/alb-mtls-stack`; see /work/shared/spec.",
    ].join("\n");
    expect(pathsLeaving("docs/x.md", page)).toEqual([
      "docs/x.md: /work/shared/spec.: a path of one machine",
      "docs/x.md: ../shared/seeds/000_article.md: leaves the repository",
      "docs/x.md: ../shared/article.sha256: leaves the repository",
    ]);
  });

  it("name no path outside the repository", () => {
    expect(PAGES.flatMap((page) => pathsLeaving(page, readFileSync(join(ROOT, page), "utf8")))).toEqual([]);
  });
});
