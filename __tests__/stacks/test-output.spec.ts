/**
 * Every synth of these specs makes a cdktf testing app, whose output folder must land in the test
 * run's temporary folder (scripts/test-temp.cjs), removed at the end of the run.
 */
import { tmpdir } from "node:os";
import { dirname } from "node:path";
import { Testing } from "cdktf";

it("cdktf's Testing.app() writes its output folder in os.tmpdir(), the run's folder", () => {
  expect(dirname(Testing.app().outdir)).toBe(tmpdir());
});
