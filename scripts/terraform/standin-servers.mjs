// The stand-ins the Terraform stage's schema runs use, started once for the whole stage: Terraform
// attaches to them (TF_REATTACH_PROVIDERS) instead of starting a provider process for every
// command, which is most of what a `validate` or `test` of a small stack would cost.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { TARGET, installedBindings, requiredProviders, satisfies, schemaFile, standInSchema, usedTypes } from "./provider-mirror.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));

/** Starts one server, resolving with its reattach configuration once it listens. */
function start(pb) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(HERE, "standin-provider.mjs"), "--serve", pb], { stdio: ["ignore", "pipe", "inherit"] });
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
export async function startStandIns({ buildDir, configs, captured }) {
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
        const { file, schema: full } = schemaFile(join(buildDir, "schemas"), schema, types);
        schemas.set(key, full);
        servers.set(key, start(file));
      }
      report.push({ source, constraint, version: schema.version, kind: schema.kind, from: schema.binding });
    }
  }
  const started = new Map(await Promise.all([...servers].map(async ([k, p]) => [k, await p])));
  const versions = [...started.keys()].map((k) => k.split("@"));
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
     * TF_REATTACH_PROVIDERS for `config`: the stand-ins, except where `instead` (address →
     * reattach config, such as real providers started by startRealProviders) has the provider.
     */
    reattachFor(config, instead = {}) {
      const ours = chosen(config).map((key) => [`registry.terraform.io/${key.split("@")[0]}`, started.get(key).reattach]);
      return JSON.stringify({ ...Object.fromEntries(ours), ...instead });
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

/**
 * Starts each real provider of the mirror report once, in its debug mode (`-debug`: it serves
 * until ended and prints the TF_REATTACH_PROVIDERS value to attach to it), so that the validations
 * with real providers do not each start and load them (the AWS provider takes seconds). A provider
 * that is packed (a zip), or prints no such line, is left to be installed from the mirror.
 * Resolves with { reattach: { address → config }, stop() }.
 */
export async function startRealProviders(report, socketDir) {
  mkdirSync(socketDir, { recursive: true });
  const children = [];
  const reattach = {};
  await Promise.all(
    report
      .filter((p) => p.kind === "real" && existsSync(join(p.from, TARGET)))
      .map(async (p) => {
        const exe = readdirSync(join(p.from, TARGET)).find((f) => f.startsWith("terraform-provider-"));
        if (!exe) return;
        // Its socket goes in the stage's own folder, not the system temp directory.
        const child = spawn(join(p.from, TARGET, exe), ["-debug"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TMPDIR: socketDir } });
        children.push(child);
        const line = await new Promise((resolve) => {
          let out = "";
          const timer = setTimeout(() => resolve(undefined), 60_000);
          const take = (d) => {
            out += d;
            const m = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(out);
            if (m) {
              clearTimeout(timer);
              resolve(m[1]);
            }
          };
          child.stdout.on("data", take);
          child.stderr.on("data", take);
          child.on("exit", () => resolve(undefined));
        });
        if (line) Object.assign(reattach, JSON.parse(line));
      }),
  );
  return {
    reattach,
    stop() {
      for (const child of children) child.kill();
    },
  };
}
