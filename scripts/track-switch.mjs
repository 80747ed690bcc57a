// npm run track-switch -- <stack> [--state-file FILE] [--out FILE]
//
// The last steps of moving a stack from providers "reference" (Cloudflare 4.52.0) to "current"
// (5.14), docs/provider-tracks.md. Reads the stack's state while it still holds the v4 entries
// (`terraform state pull` in cdktf.out/stacks/<stack>, or a saved copy with --state-file) and:
//   - writes the variables the "current" stack's `switchFromReferenceTrack` needs (JSON tfvars):
//     reference_track_import_ids (the v5 import ID of each importable object, keyed by its v4
//     address) and origin_pull_certificate_id (the per-hostname certificate v4 uploaded);
//   - prints the two ways to make Terraform forget the v4 entries while the v4 provider can still
//     read them (5.14 cannot): the "forget" step (switchFromReferenceTrack: "forget", removed
//     blocks) or, where the workflow allows it, a `terraform state rm` line. The objects stay in
//     Cloudflare, untouched.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { isMain } from "./is-main.mjs";
import { UsageError, parseArgs, runCommand, terraformText } from "./stack-outputs.mjs";

const USAGE = `usage: npm run track-switch -- <stack> [--state-file FILE] [--out FILE]

  <stack>             stack name from cdktf.json (state read with \`terraform state pull\`
                      in cdktf.out/stacks/<stack>)
  --state-file FILE   a saved \`terraform state pull\` instead of running terraform
  --out FILE          where to write the variables (JSON tfvars; default: standard output)`;

/** v5 import ID of a v4 object, by v4 type; null: not importable on 5.14 (re-written by the apply). */
const IMPORT_ID = {
  cloudflare_record: (a) => `${a.zone_id}/${a.id}`,
  cloudflare_zero_trust_access_policy: (a) => {
    if (!a.account_id) throw new Error(`access policy ${a.id} is zone-scoped; v5 policies live in the account: recreate it`);
    return `${a.account_id}/${a.id}`;
  },
  cloudflare_zero_trust_access_application: (a) => (a.zone_id ? `zones/${a.zone_id}/${a.id}` : `accounts/${a.account_id}/${a.id}`),
  cloudflare_authenticated_origin_pulls: null,
  cloudflare_authenticated_origin_pulls_certificate: null,
};

/** { variables, forget, notes } from the JSON of a v4-era state. */
export function trackSwitch(state) {
  if (!state || !Array.isArray(state.resources)) throw new Error("not the JSON of `terraform state pull` (no resources)");
  const ids = {};
  const forget = [];
  const notes = [];
  const certificates = [];
  for (const r of state.resources) {
    // Data sources are read anew at every plan: a v4-shaped entry of one does not stop 5.14.
    if (r.mode !== "managed" || !r.type.startsWith("cloudflare_")) continue;
    if (!(r.type in IMPORT_ID)) throw new Error(`${r.type}.${r.name}: not a resource this project makes; move it yourself`);
    for (const instance of r.instances ?? []) {
      const key = instance.index_key === undefined ? "" : `[${JSON.stringify(instance.index_key)}]`;
      const address = `${r.module ? `${r.module}.` : ""}${r.type}.${r.name}${key}`;
      const attributes = instance.attributes ?? {};
      forget.push(address);
      if (IMPORT_ID[r.type]) ids[address] = IMPORT_ID[r.type](attributes);
      else if (r.type === "cloudflare_authenticated_origin_pulls_certificate") certificates.push({ address, attributes });
      else notes.push(`${address}: 5.14 cannot import it; the apply writes the same setting again (hostname ${attributes.hostname}, enabled)`);
    }
  }
  if (forget.length === 0) throw new Error("the state holds no Cloudflare resource: nothing to switch (already switched?)");
  const variables = { reference_track_import_ids: ids };
  if (certificates.length > 1) throw new Error(`several origin-pull certificates (${certificates.map((c) => c.address).join(", ")}): a stack uploads one`);
  if (certificates.length === 1) {
    const [{ address, attributes }] = certificates;
    if (attributes.type !== "per-hostname") throw new Error(`${address} is a ${attributes.type} certificate; the stacks use per-hostname ones`);
    variables.origin_pull_certificate_id = attributes.id;
    notes.push(`${address}: stays in Cloudflare, used by ID (origin_pull_certificate_id = ${attributes.id}); Terraform no longer deletes it`);
  }
  return { variables, forget, notes };
}

/**
 * The command, callable in-process (the tests do): paths are taken from `cwd`, the variables
 * printed with `print` (standard output) and everything else with `printError`; and returns the exit code: 0 done, 1 the state
 * cannot be switched (the reason is printed), 2 a usage error.
 */
export function trackSwitchCommand(argv, { print = console.log, printError = console.error, cwd = process.cwd() } = {}) {
  return runCommand("track-switch", USAGE, () => main(argv, print, printError, cwd), printError);
}

function main(argv, print, printError, cwd) {
  const { options, positional } = parseArgs(argv, ["state-file", "out"]);
  if (options.help) return void print(USAGE);
  if (positional.length !== 1) throw new UsageError(positional.length === 0 ? "missing <stack>" : "one <stack> at a time");
  let state;
  try {
    const [stack] = positional;
    state = JSON.parse(
      terraformText({ stack, args: ["state", "pull"], file: options["state-file"], flag: "state-file", fileKind: "state file", before: "npx cdktf synth" }, cwd),
    );
  } catch (e) {
    throw e instanceof SyntaxError ? new Error("the state is not JSON (`terraform state pull` output)") : e;
  }
  const { variables, forget, notes } = trackSwitch(state);
  const json = JSON.stringify(variables, null, 2);
  if (options.out) {
    writeFileSync(resolve(cwd, options.out), `${json}\n`);
    printError(`wrote ${options.out}`);
  } else print(json);
  for (const note of notes) printError(`note: ${note}`);
  printError(`\nthen make Terraform forget the v4 entries (nothing changes in Cloudflare): apply the stack with`);
  printError(`  "providers": "aws-current", "switchFromReferenceTrack": "forget"`);
  printError(`or, where your workflow allows it, in cdktf.out/stacks/${positional[0]}:`);
  printError(`  terraform state rm ${forget.map((a) => `'${a}'`).join(" ")}`);
}

if (isMain(import.meta.url)) {
  process.exitCode = trackSwitchCommand(process.argv.slice(2));
}
