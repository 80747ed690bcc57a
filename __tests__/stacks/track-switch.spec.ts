import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trackSwitchCommand } from "../../scripts/track-switch.mjs";
import { asProcess, inProcess } from "../commands";
import { synthStack } from "../helpers";

const ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353";
const ACCOUNT_ID = "f037e56e89293a057740de681ac9abbe";

/** The command in-process (`trackSwitchCommand` of scripts/track-switch.mjs), in `dir`: relative paths are taken from there. */
const run = (args: string[], dir: string) => inProcess((io) => trackSwitchCommand(args, { cwd: dir, ...io }));
/** The command as `npm run track-switch` runs it: a process of its own, for its exit code. */
const runProcess = (args: string[], cwd: string) => asProcess("track-switch.mjs", args, { cwd });
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
function withState(state: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "alb-mtls-track-switch-"));
  temps.push(dir);
  writeFileSync(join(dir, "state.json"), JSON.stringify(state));
  return dir;
}

/** The state a "reference" stack leaves: each of its Cloudflare resources, with the attributes v4 records. */
function referenceState(json: Record<string, any>) {
  const resources = Object.entries(json.resource as Record<string, Record<string, unknown>>)
    .filter(([type]) => type.startsWith("cloudflare_"))
    .flatMap(([type, byName]) =>
      Object.keys(byName).map((name, i) => {
        const attributes: Record<string, string> = { id: `${name}-id-${i}`, zone_id: ZONE_ID };
        if (type === "cloudflare_zero_trust_access_policy") Object.assign(attributes, { account_id: ACCOUNT_ID, zone_id: "" });
        if (type === "cloudflare_authenticated_origin_pulls_certificate") attributes.type = "per-hostname";
        if (type === "cloudflare_authenticated_origin_pulls") attributes.hostname = "alb-mtls-test.example.com";
        return { mode: "managed", type, name, provider: 'provider["registry.terraform.io/cloudflare/cloudflare"]', instances: [{ attributes }] };
      }),
    );
  const data = { mode: "data", type: "cloudflare_zone", name: "cloudflare_zone_zone", instances: [{ attributes: { id: ZONE_ID } }] };
  return { version: 4, resources: [...resources, data] };
}

describe("npm run track-switch", () => {
  it("writes an import ID for every import block of the current stack, the certificate ID, and the state rm line", () => {
    const dir = withState(referenceState(synthStack()));
    const { code, stderr } = run(["article", "--state-file", "state.json", "--out", "switch.tfvars.json"], dir);
    expect(code).toBe(0);
    const variables = JSON.parse(readFileSync(join(dir, "switch.tfvars.json"), "utf8"));
    expect(variables).toEqual({
      reference_track_import_ids: {
        "cloudflare_record.cloudflare_zone_record": `${ZONE_ID}/cloudflare_zone_record-id-0`,
        "cloudflare_zero_trust_access_policy.cloudflare_access_allow": `${ACCOUNT_ID}/cloudflare_access_allow-id-0`,
        "cloudflare_zero_trust_access_application.cloudflare_access_application": `zones/${ZONE_ID}/cloudflare_access_application-id-0`,
      },
      origin_pull_certificate_id: "cloudflare_zone_origin_pulls_certificate-id-0",
    });
    // Every key the "current" stack's import blocks read is there, and nothing else.
    const imports: { id: string }[] = synthStack({ providers: "current", switchFromReferenceTrack: "import" }).import;
    const keys = imports.map((i) => /\["(.+)"\]/.exec(i.id)![1]);
    expect(Object.keys(variables.reference_track_import_ids).sort()).toEqual(keys.sort());
    expect(stderr).toContain(
      "terraform state rm 'cloudflare_authenticated_origin_pulls.cloudflare_zone_origin_pulls' 'cloudflare_authenticated_origin_pulls_certificate.cloudflare_zone_origin_pulls_certificate' 'cloudflare_record.cloudflare_zone_record' 'cloudflare_zero_trust_access_application.cloudflare_access_application' 'cloudflare_zero_trust_access_policy.cloudflare_access_allow'\n",
    );
    expect(stderr).toContain("cloudflare_authenticated_origin_pulls.cloudflare_zone_origin_pulls: 5.14 cannot import it; the apply writes the same setting again");
    expect(stderr).toContain('"providers": "aws-current", "switchFromReferenceTrack": "forget"');
    expect(stderr).not.toContain("data.cloudflare_zone"); // data sources are read anew, not forgotten
  });

  it("covers a stack with applications", () => {
    const apps = { applications: { a: { lambdaArn: "arn:aws:lambda:ap-northeast-1:123456789012:function:a" } } };
    const dir = withState(referenceState(synthStack(apps)));
    const { code, stdout } = run(["apps", "--state-file", "state.json"], dir);
    expect(code).toBe(0);
    const imports: { id: string }[] = synthStack({ ...apps, providers: "current", switchFromReferenceTrack: "import" }).import;
    expect(Object.keys(JSON.parse(stdout).reference_track_import_ids).sort()).toEqual(imports.map((i) => /\["(.+)"\]/.exec(i.id)![1]).sort());
  });

  it("refuses what it cannot move, saying why", async () => {
    const zoneScoped = { resources: [{ mode: "managed", type: "cloudflare_zero_trust_access_policy", name: "p", instances: [{ attributes: { id: "x", zone_id: ZONE_ID } }] }] };
    let r = run(["s", "--state-file", "state.json"], withState(zoneScoped));
    expect([r.code, r.stderr.trim()]).toEqual([1, "track-switch: access policy x is zone-scoped; v5 policies live in the account: recreate it"]);
    const foreign = { resources: [{ mode: "managed", type: "cloudflare_ruleset", name: "r", instances: [{ attributes: { id: "x" } }] }] };
    r = run(["s", "--state-file", "state.json"], withState(foreign));
    expect(r.stderr).toContain("cloudflare_ruleset.r: not a resource this project makes; move it yourself");
    r = run(["s", "--state-file", "state.json"], withState({ version: 4, resources: [] }));
    expect(r.stderr).toContain("the state holds no Cloudflare resource: nothing to switch (already switched?)");
    r = await runProcess([], withState({})); // as npm runs it: the process's exit code
    expect([r.code, r.stderr.split("\n")[0]]).toEqual([2, "track-switch: missing <stack>"]);
  });
});
