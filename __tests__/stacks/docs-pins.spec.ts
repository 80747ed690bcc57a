/**
 * docs/upgrading-providers.md states what is pinned: every CDK package of package.json with its
 * version and the provider version its binding was generated from (read from the installed
 * binding), and each track's `required_providers` (stacks/provider-tracks.ts). A pin that changes
 * without the page, or a page row for a package that is gone, fails here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TRACK_PROVIDERS } from "../../stacks/provider-tracks";

const ROOT = join(__dirname, "..", "..");
const page = readFileSync(join(ROOT, "docs", "upgrading-providers.md"), "utf8");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const declared: Record<string, string> = { ...pkg.dependencies, ...pkg.devDependencies };
/** The CDK packages: the libraries, their CLIs and the provider bindings. */
const cdkPackages = Object.keys(declared).filter((name) => /^(cdktf|cdktn|cdktf-cli|@cdktf\/provider-.+)$/.test(name)).sort();

/** The rows of the page's "What is pinned" table: package names (the backticked ones of the first cell), version, provider. */
function rows(): { names: string[]; version: string; provider: string }[] {
  const table = page.split("## What is pinned")[1].split("\n\n").find((block) => block.startsWith("| package"))!;
  return table
    .split("\n")
    .slice(2)
    .map((line) => line.split("|").map((cell) => cell.trim()))
    .map(([, first, version, provider]) => ({ names: [...first.matchAll(/`([^`]+)`/g)].map((m) => m[1]).filter((n) => !n.startsWith("@cdktf/provider-") || !first.includes(`alias of \`${n}\``)), version, provider }));
}

describe("docs/upgrading-providers.md", () => {
  it("lists every CDK package of package.json, at its pinned version and its binding's provider version", () => {
    const listed = rows().flatMap(({ names, version, provider }) => names.map((name) => ({ name, version, provider })));
    expect(listed.map((r) => r.name).sort()).toEqual(cdkPackages);
    for (const { name, version, provider } of listed) {
      expect({ name, version: declared[name].replace(/^npm:.+@/, "") }).toEqual({ name, version });
      const binding = JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8"));
      const generated = binding.cdktf?.provider;
      const expected = generated ? `\`${generated.name.replace("registry.terraform.io/", "")}\` ${generated.version}` : "–";
      expect({ name, provider }).toEqual({ name, provider: expected });
    }
  });

  it("names each track's required_providers as stacks/provider-tracks.ts writes them", () => {
    for (const pins of Object.values(TRACK_PROVIDERS)) {
      for (const { source, version } of Object.values(pins)) {
        const exact = /^\d/.test(version);
        expect(page).toMatch(exact ? `\`${source}\` exactly \`${version}\`` : `\`${source} ${version}\``);
      }
    }
    expect(page).not.toMatch(/REQUIRED_PROVIDERS|0\.20\.12 \||10\.\d+\.\d+ \|/);
  });

  it("counts the overrides of package.json", () => {
    const count = Object.keys(pkg.overrides).length;
    expect(page).toContain(`carries ${["zero", "one", "two", "three", "four", "five"][count]} \`overrides\``);
  });
});
