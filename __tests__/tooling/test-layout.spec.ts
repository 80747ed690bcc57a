/** Every spec runs: Jest runs only `__tests__/*.test.ts`, and each group entry runs its folder's specs. */
import { existsSync, readFileSync, readdirSync } from "node:fs";
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
  it("has a group entry for every folder of specs, which runs that folder", () => {
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      const entry = join(TESTS, `${group}.test.ts`);
      expect({ group, entry: existsSync(entry) }).toEqual({ group, entry: true });
      expect(readFileSync(entry, "utf8")).toContain(`runSpecs("${group}")`);
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
