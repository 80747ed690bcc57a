// The `app` command of cdktf.json: (re)build what changed with esbuild, then run the app with
// plain node. See scripts/build.mjs and README "Speed".
import { createRequire } from "node:module";
import { join } from "node:path";
import { buildAll, buildDir } from "./build.mjs";

try {
  await buildAll();
} catch {
  // esbuild has already printed the error with file and line.
  process.exit(1);
}
createRequire(import.meta.url)(join(buildDir, "main.cjs"));
