// The stand-ins the Terraform stage's schema runs use, started once for the whole stage: Terraform
// attaches to them (TF_REATTACH_PROVIDERS) instead of starting a provider process for every
// command, which is most of what a `validate` or `test` of a small stack would cost.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installedBindings, requiredProviders, satisfies, schemaFile, standInSchema, usedTypes } from "./provider-mirror.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));

/** Starts one server, resolving with its reattach configuration once it listens. */
function start(pb, forward) {
  return new Promise((resolve, reject) => {
    const argv = [join(HERE, "standin-provider.mjs"), "--serve", pb, ...(forward ? ["--forward", JSON.stringify(forward)] : [])];
    const child = spawn(process.execPath, argv, { stdio: ["ignore", "pipe", "inherit"] });
    let line = "";
    child.stdout.on("data", (d) => {
      line += d;
      if (line.includes("\n")) resolve({ child, reattach: JSON.parse(line) });
    });
    child.on("exit", (code) => reject(new Error(`stand-in for ${pb} exited with ${code}`)));
  });
}

/**
 * Starts a stand-in for every (provider, version) the configurations need (mutated copies included). `reattachFor(config)` gives the
 * TF_REATTACH_PROVIDERS value for one stack (its constraints pick the versions); `stop()` ends them.
 */
export async function startStandIns({ buildDir, configs, captured, forwards = {}, computedFrom = {} }) {
  mkdirSync(join(buildDir, "schemas"), { recursive: true });
  // Only the types the configurations use: each is served with its full schema, and a type
  // that is not among them fails as unknown, as it would with the whole provider.
  const types = usedTypes(configs);
  const bindings = installedBindings();
  const servers = new Map(); // "source@version" → { reattach, child }
  const schemas = new Map(); // "source@version" → its schema, `providers schema -json` form
  const report = [];
  for (const [source, constraints] of requiredProviders(configs)) {
    for (const constraint of constraints) {
      const schema = standInSchema(source, constraint, { bindings, captured });
      const key = `${source}@${schema.version}`;
      if (!servers.has(key)) {
        const { file, schema: full } = schemaFile(join(buildDir, "schemas"), schema, types, computedFrom[`${source}@${schema.version.split(".")[0]}`]);
        schemas.set(key, full);
        servers.set(key, start(file, forwards[key]));
        // For the mocked plans, the same schema without the real provider: its checks would then
        // see the mocks' made-up values (a random string where a policy's JSON goes).
        if (forwards[key]) servers.set(`${key}#mocked`, start(file));
      }
      report.push({ source, constraint, version: schema.version, kind: forwards[key] ? "real" : schema.kind, from: schema.binding });
    }
  }
  const started = new Map(await Promise.all([...servers].map(async ([k, p]) => [k, await p])));
  const versions = [...started.keys()].filter((k) => !k.endsWith("#mocked")).map((k) => k.split("@"));
  /** "source@version" of the stand-in each provider of `config` gets. */
  const chosen = (config) =>
    [...requiredProviders([config])].map(([source, constraints]) => {
      const [, version] = versions.find(([s, v]) => s === source && [...constraints].every((c) => satisfies(v, c))) ?? [];
      if (!version) throw new Error(`no stand-in of ${source} fits ${[...constraints].join(", ")}`);
      return `${source}@${version}`;
    });
  return {
    report,
    /**
     * TF_REATTACH_PROVIDERS for `config`: for init and validate, the stand-ins, a real provider's
     * passing every validation to it; `mocked`, for `terraform test` with mock_provider, stand-ins
     * that serve a real provider's schema only.
     */
    reattachFor(config, { mocked = false } = {}) {
      const ours = chosen(config).map((key) => [`registry.terraform.io/${key.split("@")[0]}`, (started.get(mocked ? `${key}#mocked` : key) ?? started.get(key)).reattach]);
      return JSON.stringify(Object.fromEntries(ours));
    },
    /**
     * Which provider judged `config`, for the report: `real aws 5.100.0; stand-ins archive 2.7.1, …`
     * (a real one is a stand-in serving its schema that passes every validation to it).
     */
    judgedBy(config) {
      const keys = chosen(config);
      const short = (key) => `${key.split("@")[0].split("/")[1]} ${key.split("@")[1]}`;
      const real = keys.filter((k) => forwards[k]).map(short);
      const standIns = keys.filter((k) => !forwards[k]).map(short);
      return [real.length ? `real ${real.join(", ")}` : "no real provider", standIns.length ? `stand-ins ${standIns.join(", ")}` : ""].filter(Boolean).join("; ");
    },
    /** The schema block of a resource type as `config`'s providers serve it. */
    resourceSchema(config, type) {
      for (const key of chosen(config)) {
        const block = schemas.get(key)?.resource_schemas?.[type]?.block;
        if (block) return block;
      }
      return undefined;
    },
    stop() {
      for (const { child } of started.values()) child.kill();
    },
  };
}
