// The `app` command of cdktf.json: (re)build what changed with esbuild, then run the app with
// plain node. See scripts/build.mjs and README "Speed".
//   node scripts/app.mjs [entry.ts]   (default main.ts; examples/typescript/main.ts is the TypeScript-authored example)
import { createRequire } from "node:module";
import { appBundle, buildAll } from "./build.mjs";

const entry = process.argv[2] ?? "main.ts";
try {
  await buildAll({ entry });
} catch {
  // esbuild has already printed the error with file and line.
  process.exit(1);
}
createRequire(import.meta.url)(appBundle(entry).file);
