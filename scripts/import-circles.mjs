// Import circles among the project's modules (`a` imports `b` imports … `a`), type-only imports
// included, as `madge --circular` counts them: a circle of types is a type in the wrong file, and
// the next value import along it becomes a load-order bug. Relative imports only (packages cannot
// import back). Exits with 1 and prints each circle when there is one; __tests__/stacks runs it.
//
//   node scripts/import-circles.mjs [folder or file …]   (default: main.ts stacks constructs functions scripts examples)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isMain } from "./is-main.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_ROOTS = ["main.ts", "stacks", "constructs", "functions", "scripts", "examples"];
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const SKIP = new Set(["node_modules", ".build", "cdktf.out"]);
/** `import … from "x"`, `export … from "x"`, `import "x"`, `import("x")`, `require("x")`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

function sourcesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return SOURCE.test(path) ? [path] : [];
  return readdirSync(path, { withFileTypes: true }).flatMap((d) => (SKIP.has(d.name) ? [] : sourcesUnder(join(path, d.name))));
}

/** Drops comments (a `from "./x"` in a doc comment is no import); keeps string contents. */
function withoutComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/** The module a relative specifier names, among `files` (TypeScript's resolution: extension optional, `.js` for `.ts`, index files). */
function resolveSpecifier(from, specifier, files) {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(js|mjs|cjs)$/, "");
  const candidates = [base, `${base}.ts`, `${base}.mts`, `${base}.cts`, `${base}.mjs`, `${base}.cjs`, `${base}.js`, `${stem}.ts`, `${stem}.mts`, `${stem}.cts`, join(base, "index.ts"), join(base, "index.mjs"), join(base, "index.js")];
  return candidates.find((c) => files.has(c));
}

/** Edges of the import graph: file → the project files it imports. `files`: absolute path → source text. */
export function importGraph(files) {
  const graph = new Map();
  for (const [file, text] of files) {
    const targets = new Set();
    for (const [, specifier] of withoutComments(text).matchAll(SPECIFIER)) {
      const target = resolveSpecifier(file, specifier, files);
      if (target && target !== file) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/**
 * Every elementary circle of the graph's strongly connected components, each as the list of its
 * files starting at the smallest path (so a report is stable), at most `limit` of them.
 */
export function findCircles(files, limit = 50) {
  const graph = importGraph(files);
  const circles = [];
  const seen = new Set();
  // Tarjan's strongly connected components; then the circles inside each by depth-first search.
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const connect = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(new Set(component));
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) connect(v);
  for (const component of components) {
    for (const start of [...component].sort()) {
      const walk = (v, path) => {
        for (const w of graph.get(v) ?? []) {
          if (!component.has(w) || circles.length >= limit) continue;
          if (w === start) {
            const key = [...path].sort().join("\n");
            if (!seen.has(key)) {
              seen.add(key);
              circles.push([...path]);
            }
          } else if (w > start && !path.includes(w)) walk(w, [...path, w]);
        }
      };
      walk(start, [start]);
    }
  }
  return circles;
}

/** The source files under `roots` (relative to the project), read. */
export function projectSources(roots = DEFAULT_ROOTS) {
  return new Map(roots.flatMap((r) => sourcesUnder(join(ROOT, r))).map((f) => [f, readFileSync(f, "utf8")]));
}

if (isMain(import.meta.url)) {
  const roots = process.argv.slice(2);
  const files = projectSources(roots.length ? roots : DEFAULT_ROOTS);
  const circles = findCircles(files);
  if (circles.length === 0) {
    console.log(`import circles: none among ${files.size} modules`);
  } else {
    console.error(`import circles: ${circles.length}`);
    for (const c of circles) console.error(`  ${[...c, c[0]].map((f) => relative(ROOT, f)).join(" → ")}`);
    process.exit(1);
  }
}
