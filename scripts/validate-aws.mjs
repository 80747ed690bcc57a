// Developer check, not part of `npm test`: runs `terraform validate` on the AWS part of each
// synthesized stack, with the AWS provider from a local filesystem mirror (no registry access).
// Non-AWS resources, data sources and providers are dropped and references to them replaced by
// null, so what is validated is every aws_* block as synthesized.
//
//   node scripts/validate-aws.mjs [mirror-dir]   (default /opt/tf-plugins; run `cdktf synth` first)
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const mirror = process.argv[2] ?? "/opt/tf-plugins";
const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
const isAws = (type) => type.startsWith("aws_");

function strip(config) {
  const removed = [];
  for (const kind of ["resource", "data"]) {
    for (const type of Object.keys(config[kind] ?? {})) {
      if (!isAws(type)) {
        removed.push(kind === "data" ? `data.${type}.` : `${type}.`);
        delete config[kind][type];
      }
    }
  }
  for (const p of Object.keys(config.provider ?? {})) if (p !== "aws") delete config.provider[p];
  const rp = config.terraform.required_providers;
  for (const p of Object.keys(rp)) if (p !== "aws") delete rp[p];
  delete config.terraform.backend;
  delete config.terraform.cloud;
  const refersToRemoved = (s) => removed.some((r) => s.includes(`\${${r}`) || s.includes(`\${${r.slice(0, -1)}}`));
  // A placeholder of the attribute's type: a list for CIDR lists, else a string.
  const walk = (v, key = "") => {
    if (typeof v === "string") return refersToRemoved(v) ? (key.endsWith("_blocks") ? [] : "placeholder") : v;
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(config);
}

const work = mkdtempSync(join(tmpdir(), "validate-aws-"));
const rc = join(work, "terraformrc");
writeFileSync(rc, `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`);
const awsDir = join(mirror, "registry.terraform.io/hashicorp/aws");
const mirrored = existsSync(awsDir) ? readdirSync(awsDir) : [];
let failed = false;
for (const stack of readdirSync(join(outdir, "stacks"))) {
  const config = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
  // A stack on providers "current" or "aws-current" wants AWS 6 (`~> 6.0`): only a mirror with a 6.x can check it.
  const major = /^~> (\d+)\./.exec(config.terraform.required_providers?.aws?.version ?? "")?.[1];
  if (major && !mirrored.some((v) => v.startsWith(`${major}.`))) {
    console.log(`${stack}: skipped: it needs hashicorp/aws ${config.terraform.required_providers.aws.version}, the mirror has ${mirrored.join(", ") || "none"}`);
    continue;
  }
  const dir = mkdtempSync(join(work, `${stack}-`));
  cpSync(join(outdir, "stacks", stack), dir, { recursive: true }); // assets: file() and filemd5() read them
  rmSync(join(dir, "cdk.tf.json"));
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify(strip(config), null, 2));
  const env = { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: "1" };
  try {
    execFileSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], { cwd: dir, env, stdio: "pipe" });
    const out = execFileSync("terraform", ["validate", "-no-color"], { cwd: dir, env, encoding: "utf8" });
    console.log(`${stack}: ${out.trim()}`);
  } catch (e) {
    failed = true;
    console.error(`${stack}: FAILED\n${e.stdout ?? ""}${e.stderr ?? e.message}`);
  }
}
rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
