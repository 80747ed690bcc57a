// Whether a module is the script node was started with (`node scripts/smoke.mjs`), not an import
// (the tests import the commands and call them in-process).
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * True when the module whose `import.meta.url` is `moduleUrl` is the script `script` (default: the
 * one node was started with). Paths are compared, not URLs: in a file: URL a checkout path with a
 * space or a `%` is spelled otherwise, and node gives the main module its real path (symlinks
 * resolved) while the command line may name a link.
 */
export function isMain(moduleUrl, script = process.argv[1]) {
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(moduleUrl);
  } catch {
    return false; // no such file: not this module
  }
}
