import { join, relative } from "node:path";
import { findCircles, projectSources } from "../../scripts/import-circles.mjs";

const ROOT = join(__dirname, "..", "..");
const at = (file: string) => join(ROOT, file);

describe("import circles (scripts/import-circles.mjs)", () => {
  it("finds none among the project's modules, type-only imports included", () => {
    const files = projectSources();
    expect(files.has(at("stacks/alb-mtls-stack.ts"))).toBe(true);
    expect(findCircles(files).map((c) => c.map((f) => relative(ROOT, f)))).toEqual([]);
  });

  it("reports a circle of type-only imports, through re-exports and extension-less or .js specifiers", () => {
    const files = new Map([
      [at("stacks/a.ts"), 'import type { B } from "./b";\n// import { C } from "./c"; (a comment is no import)\nexport type A = B;'],
      [at("stacks/b.ts"), 'export type { C as B } from "../constructs/c.js";'],
      [at("constructs/c.ts"), 'import type { A } from "../stacks/a";\nexport type C = A | "c";'],
      [at("constructs/d.ts"), 'import { x } from "./c";'],
    ]);
    expect(findCircles(files).map((c) => c.map((f) => relative(ROOT, f)))).toEqual([["constructs/c.ts", "stacks/a.ts", "stacks/b.ts"]]);
  });
});
