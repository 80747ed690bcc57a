// The `app` command of cdktf.json: (re)build what changed with esbuild, then run the app with
// plain node. See scripts/build.mjs and docs/speed.md.
//   node scripts/app.mjs [entry.ts]   (default main.ts; examples/typescript/main.ts is the TypeScript-authored example,
//                                      a team's own main.ts anywhere in the project works the same way)
//
// Mistakes in the input stop here with their message and exit code 1, not a stack trace: a
// PropsError (a construct's or a stack's props) or a ConfigError (cdktf.json). Run by hand (not by
// `cdktf synth/diff/deploy`, which print them themselves), it also prints the synth's warnings
// and errors (annotations), as the CLI does, and exits with 1 on an error.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { appBundle, buildAll } from "./build.mjs";

const require = createRequire(import.meta.url);

/** Errors whose message is the whole story: which prop or key, what was given, what is allowed. */
const INPUT_ERRORS = new Set(["PropsError", "ConfigError"]);

const entry = process.argv[2] ?? "main.ts";
if (!existsSync(entry)) {
  console.error(`${entry}: no such file (give the app's entry, e.g. node scripts/app.mjs myapp/main.ts)`);
  process.exit(1);
}
try {
  await buildAll({ entry });
} catch {
  // esbuild has already printed the error with file and line.
  process.exit(1);
}

// The CLI runs the app with CDKTF_OUTDIR set and prints the annotations from the manifest itself.
const byCli = process.env.CDKTF_OUTDIR !== undefined;
// As under the CLI: an error annotation does not abort synth; it is printed below.
if (!byCli) process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS ??= "true";
const manifest = join("cdktf.out", "manifest.json");
const before = modified(manifest);
// No token creation stacks unless CDKTF_CREATION_STACKS=1 (scripts/creation-stacks.cjs).
require("./creation-stacks.cjs").skipCreationStacks();
try {
  require(appBundle(entry).file);
} catch (error) {
  if (!INPUT_ERRORS.has(error?.name)) throw error;
  console.error(error.message);
  process.exit(1);
}
// An app with its own outdir writes its manifest elsewhere: an unchanged manifest is not this run's.
if (!byCli && modified(manifest) !== before && !printAnnotations(manifest)) process.exit(1);

function modified(file) {
  return existsSync(file) ? statSync(file).mtimeMs : undefined;
}

/** Prints the warnings and errors of the synth that just ran (the CLI's format); false when there is an error. */
function printAnnotations(manifest) {
  let ok = true;
  for (const stack of Object.values(JSON.parse(readFileSync(manifest, "utf8")).stacks ?? {})) {
    for (const { level, constructPath, message } of stack.annotations ?? []) {
      if (level === "@cdktf/error") ok = false;
      console.error(`${level.replace("@cdktf/", "").toUpperCase()} [${constructPath}]: ${message}`);
    }
  }
  return ok;
}
