// The entries the docs teach a team to write, written out to be synthesized: the ```ts blocks of
// each page that name their file on their first line (`// myapp/main.ts`), on pages where one of
// them is a main.ts. Each page's files go to a folder of their own at the top of the project
// (`<prefix><group>/`, for `myapp/`, which is the team's), so they import the project as the docs
// show. Used by the Terraform stage (terraform/check.mjs) and synth-fingerprints.mjs.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/** Writes each documented entry's files; returns { group: "docs-<page>", dir, entry } (entry relative to root). */
export function documentedEntries(root, prefix) {
  const out = [];
  for (const page of readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md"))) {
    const files = {};
    for (const [, code] of readFileSync(join(root, "docs", page), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)) {
      const name = /^\/\/ (\S+\.ts)\b/.exec(code)?.[1];
      if (name) files[name] = code;
    }
    const main = Object.keys(files).find((f) => f.endsWith("main.ts"));
    if (!main) continue;
    const folder = main.split("/")[0];
    const group = `docs-${page.replace(/\.md$/, "")}`;
    const dir = join(root, `${prefix}${group}`);
    rmSync(dir, { recursive: true, force: true });
    for (const [name, code] of Object.entries(files)) {
      const file = join(dir, relative(folder, name));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, code.replaceAll(`"${folder}/`, `"${relative(root, dir)}/`));
    }
    out.push({ group, dir, entry: join(relative(root, dir), relative(folder, main)) });
  }
  return out;
}
