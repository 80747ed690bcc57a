/** Every spec runs: Jest runs only `__tests__/*.test.ts`, and each folder of specs is run by one of them. */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { specsOf } from "../run-specs";

const TESTS = join(__dirname, "..");
const groups = readdirSync(TESTS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== "fixtures")
  .map((d) => d.name);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

describe("test layout", () => {
  it("runs every folder of specs from exactly one Jest file", () => {
    expect(groups.length).toBeGreaterThan(0);
    const entries = readdirSync(TESTS).filter((f) => f.endsWith(".test.ts"));
    for (const group of groups) {
      const runners = entries.filter((entry) => readFileSync(join(TESTS, entry), "utf8").includes(`runSpecs("${group}")`));
      expect({ group, runners: runners.length }).toEqual({ group, runners: 1 });
    }
  });

  it("keeps only specs in the group folders: a test file there would never run", () => {
    const strays = groups.flatMap((group) => filesUnder(join(TESTS, group))).filter((file) => !file.endsWith(".spec.ts"));
    expect(strays.map((file) => relative(TESTS, file))).toEqual([]);
  });

  it("finds this spec among its group's", () => {
    expect(specsOf("tooling")).toContain("test-layout.spec.ts");
  });
});
