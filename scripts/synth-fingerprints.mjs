// A sha256 of the synthesized JSON of every stack the project ships (main.ts + cdktf.json), of the
// TypeScript example, of the Terraform stage's variants (scripts/terraform/variants.mjs) and of the
// docs' main.ts snippets: one line per stack, sorted. A refactor that must not change the output
// compares this list before and after:
//
//   node scripts/synth-fingerprints.mjs > before.txt   # … change …
//   node scripts/synth-fingerprints.mjs | diff before.txt -
//
// Each group synthesizes into .build/fingerprints/<group> (kept, to diff a changed stack's JSON).
// The variants' files come from .build/terraform/fixtures, as in the Terraform stage.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { selfSignedCertificate } from "./terraform/provider-mirror.mjs";
import { VARIANTS } from "./terraform/variants.mjs";
import { documentedEntries } from "./doc-entries.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, ".build", "fingerprints");

function synth({ group, argv, context }) {
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: join(OUT, group), ...(context ? { CDKTF_CONTEXT_JSON: JSON.stringify(context) } : {}) };
  rmSync(join(OUT, group), { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["scripts/app.mjs", ...argv], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => (code === 0 ? done() : fail(new Error(`synth of ${group} failed:\n${out}`))));
  });
}

const fixtures = join(ROOT, ".build", "terraform", "fixtures");
await selfSignedCertificate(fixtures, "origin-pull", "origin-pull.example.net");
const variants = JSON.parse(JSON.stringify(VARIANTS).replaceAll("FIXTURES/", `${relative(ROOT, fixtures)}/`));
const documented = documentedEntries(ROOT, ".terraform-check-fingerprint-").map((d) => ({ ...d, argv: [d.entry] }));
const groups = [
  { group: "shipped", argv: [] },
  { group: "example", argv: ["examples/typescript/main.ts"] },
  { group: "variant", argv: [], context: { stacks: variants } },
  ...documented,
];
try {
  await synth(groups[0]); // builds what the others reuse
  await Promise.all(groups.slice(1).map(synth));
} finally {
  for (const d of documented) rmSync(d.dir, { recursive: true, force: true });
}
const lines = groups.flatMap(({ group }) => {
  const dir = join(OUT, group, "stacks");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((name) => `${createHash("sha256").update(readFileSync(join(dir, name, "cdk.tf.json"))).digest("hex")}  ${group}/${name}`);
});
console.log(lines.sort((a, b) => a.slice(66).localeCompare(b.slice(66))).join("\n"));
