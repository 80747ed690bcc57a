/** The run's temporary folder (scripts/test-temp.cjs): tests write there, and leaks are found. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
interface Run {
  readonly systemTmp: string;
  readonly runDir: string;
  readonly before: string[];
}
const { RUN_PREFIX, finish, leftovers, start } = require("../../scripts/test-temp.cjs") as {
  RUN_PREFIX: string;
  start(systemTmp: string): Run;
  finish(run: Run): string[];
  leftovers(before: string[], after: string[]): string[];
};

describe("test output stays in one folder per run", () => {
  it("os.tmpdir() in a test is the run's folder (cdktf's testing apps write there too: stacks/test-output.spec.ts)", () => {
    expect(basename(tmpdir())).toMatch(new RegExp(`^${RUN_PREFIX.replace(/\./g, "\\.")}`));
  });

  it("finish() removes the run's folder and names what a run wrote outside it", () => {
    const fakeSystemTmp = mkdtempSync(join(tmpdir(), "system-"));
    try {
      mkdirSync(join(fakeSystemTmp, "cdktf.outdir.old")); // there before the run: not this run's
      const run = start(fakeSystemTmp);
      mkdirSync(join(run.runDir, "cdktf.outdir.inside"));
      mkdirSync(join(fakeSystemTmp, "cdktf.outdir.abc123"));
      mkdirSync(join(fakeSystemTmp, "smoke-xyz"));
      mkdirSync(join(fakeSystemTmp, "someone-elses"));
      expect(finish(run)).toEqual(["cdktf.outdir.abc123", "smoke-xyz"]);
      expect(readdirSync(fakeSystemTmp).some((name) => name.startsWith(RUN_PREFIX))).toBe(false);
    } finally {
      rmSync(fakeSystemTmp, { recursive: true, force: true });
    }
  });

  it("a clean run has no leftovers", () => {
    expect(leftovers(["a", "cdktf.outdir.1"], ["a", "cdktf.outdir.1", "jest_0"])).toEqual([]);
  });

  it("another checkout's run folder, made meanwhile, is not this run's leak; what a test writes past TMPDIR is", () => {
    expect(leftovers([], [`${RUN_PREFIX}h3nwPA`, "cdktf.outdir.x1", "smoke-abc"])).toEqual(["cdktf.outdir.x1", "smoke-abc"]);
  });
});
