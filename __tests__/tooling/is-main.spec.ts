/**
 * How each command script tells it was started as a script (`node scripts/smoke.mjs`) rather than
 * imported (scripts/is-main.mjs): by path, so that a checkout whose path has a space, a `%` or a
 * symlink in it still runs its commands.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isMain } from "../../scripts/is-main.mjs";

const dir = mkdtempSync(join(tmpdir(), "alb-mtls-is-main-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("isMain", () => {
  const folder = join(dir, "my checkout 100%");
  mkdirSync(folder);
  const script = join(folder, "smoke.mjs");
  writeFileSync(script, "");
  const url = pathToFileURL(script).href;

  it("is true for the script node was started with, whatever characters its path has", () => {
    expect(url).toContain("my%20checkout%20100%25"); // the URL and the path spell it differently
    expect(isMain(url, script)).toBe(true);
  });

  it("is true when the command line names the script through a symlink", () => {
    const link = join(dir, "link.mjs");
    symlinkSync(script, link);
    expect(isMain(url, link)).toBe(true);
  });

  it("is false for an import: another script, none, or a path that is not there", () => {
    expect(isMain(url, join(folder, "other.mjs"))).toBe(false);
    expect(isMain(url, "")).toBe(false);
    expect(isMain(url, process.argv[1])).toBe(false); // the Jest worker
  });
});
