/**
 * What a new team reads first tells the truth (issue 20): the README's first screen names the
 * supported Node versions, where CDK for Terraform stands and what the project does about it, and
 * the recommended provider track; every page that describes a deploy states the `current` track's
 * extra step; the versions the docs name are those the project pins; the reference is cited by its
 * public address; the commands of the track move fit together.
 */
import { readFileSync } from "node:fs";
import { join, normalize } from "node:path";
import { CDKTN_CLI, NODE_VERSIONS } from "../../scripts/node-versions.mjs";

const ROOT = join(__dirname, "..", "..");
const read = (page: string) => readFileSync(join(ROOT, page), "utf8");
const README = read("README.md");
const pkg = JSON.parse(read("package.json"));
const PAGES = ["README.md", "docs/cdk-terrain.md", "docs/typescript.md", "docs/deploying.md", "docs/provider-tracks.md", "docs/upgrading-providers.md"];
/** The README up to its quick start's end: what a reader sees before following a link. */
const firstScreens = README.slice(0, README.indexOf("## Where to go next"));

describe("the README's first screens", () => {
  it("name the supported Node versions, as package.json's engines do", () => {
    expect(firstScreens).toMatch(/Node\.js 22 or 24 LTS/);
    for (const major of ["20", "22", "24"]) expect(pkg.engines.node.split("||").map((r: string) => r.trim())).toContain(`^${major}`);
    for (const major of Object.keys(NODE_VERSIONS)) expect(pkg.engines.node).toContain(`^${major}`);
  });

  it("say where CDK for Terraform stands and what the project does about it", () => {
    expect(firstScreens).toMatch(/archived by HashiCorp on 2025-12-10/);
    expect(firstScreens).toMatch(/CDK Terrain\*\* \(`cdktn` 0\.24\.0\)/);
    expect(firstScreens).toContain("(docs/cdk-terrain.md)");
  });

  it("recommend a provider track and state the current track's extra step", () => {
    expect(firstScreens).toMatch(/A new team: `reference`, the default/);
    expect(firstScreens).toContain("docs/provider-tracks.md#which-track-to-use");
    expect(firstScreens).toContain("docs/provider-tracks.md#the-first-deploy-on-current");
  });

  it("say what to do on Node 24, where `npx cdktf` cannot start", () => {
    expect(firstScreens).toMatch(/On \*\*Node 24\*\*, `npx cdktf` cannot start/);
    expect(firstScreens).toContain("node scripts/app.mjs");
  });

  it("cite the reference by its public address, and Cloudflare's guide", () => {
    expect(firstScreens).toContain("https://github.com/k-kojima-yumemi/alb-mtls-test");
    expect(firstScreens).toContain("https://developers.cloudflare.com/ssl/origin-configuration/authenticated-origin-pull/aws-alb-integration/");
  });
});

describe("the README's navigation and speed", () => {
  it("links every page of docs/ once from 'Where to go next', with no second list repeating it", () => {
    const next = README.slice(README.indexOf("## Where to go next"), README.indexOf("## Commands"));
    const linked = [...next.matchAll(/\]\((docs\/[^)#]+\.md)(?:#[^)]*)?\)/g)].map((m) => m[1]);
    const pages = require("node:fs").readdirSync(join(ROOT, "docs")).filter((f: string) => f.endsWith(".md")).map((f: string) => `docs/${f}`);
    expect([...new Set(linked)].sort()).toEqual(pages.sort());
    expect(linked.length).toBe(new Set(linked).size);
    expect(README).not.toMatch(/^## Contents/m);
  });

  it("keeps the bench's detail in docs/speed.md, not in the README", () => {
    for (const detail of ["load average", "NODE_EXTRA_CA_CERTS", "947 ms", "taken turn about"]) {
      expect({ detail, inReadme: README.includes(detail), inSpeed: read("docs/speed.md").includes(detail) }).toEqual({ detail, inReadme: false, inSpeed: true });
    }
  });
});

describe("every page that describes a deploy", () => {
  it.each(["README.md", "docs/typescript.md", "docs/deploying.md", "docs/provider-tracks.md"])("%s states the current track's first-deploy step", (page) => {
    const text = read(page);
    expect(text).toMatch(/provider-tracks\.md#the-first-deploy-on-current|\(#the-first-deploy-on-current\)/);
    expect(text).toMatch(/-target/);
  });

  it("deploying.md's HCP Terraform section says a VCS-driven workspace cannot -target", () => {
    const hcp = read("docs/deploying.md").split("## Backends and environments")[1].split("## Your own main.ts")[0];
    expect(hcp).toMatch(/VCS-driven workspace cannot run `-target`/);
  });

  it("provider-tracks.md documents 5.14's per-hostname origin-pull bug (empty id, fixed in 5.17) and its heading", () => {
    const text = read("docs/provider-tracks.md");
    expect(text).toMatch(/^### The first deploy on `current`$/m);
    expect(text).toMatch(/comes back from create with an empty `id` \(a provider\s+bug, fixed in 5\.17\)/);
  });
});

describe("versions and commands the docs name", () => {
  it("name CDK Terrain's CLI and library at the pinned versions", () => {
    const version = CDKTN_CLI.split("@")[1];
    expect(pkg.devDependencies.cdktn).toBe(version);
    for (const page of PAGES) {
      for (const [named] of read(page).matchAll(/cdktn(?:-cli)?@\d+\.\d+\.\d+/g)) expect({ page, named }).toEqual({ page, named: named.replace(/@.*/, `@${version}`) });
    }
  });

  it("name the Node versions CI installs", () => {
    const pinned = Object.values(NODE_VERSIONS).map((v) => v.version);
    for (const page of PAGES) {
      for (const [, named] of read(page).matchAll(/Node(?:\.js)? (2[24]\.\d+\.\d+)/g)) expect(pinned).toContain(named);
    }
  });

  it("track move: the file step 3 writes is the file step 5 reads from the stack folder", () => {
    const doc = read("docs/provider-tracks.md");
    const out = /^\| 3 \| `npm run track-switch -- <stack> --out (\S+)`/m.exec(doc)![1];
    const varFile = /^\| 5 \|.*in `cdktf\.out\/stacks\/<stack>`: `terraform plan -var-file=(\S+)`/m.exec(doc)![1];
    expect(normalize(join("cdktf.out/stacks/x", varFile))).toBe(normalize(out));
  });
});
