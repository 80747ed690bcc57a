// What the Terraform stage's providers are made of: the prebuilt bindings in node_modules and the
// schemas the stand-ins serve from them (standin-servers.mjs), provider versions and Terraform's
// version constraints, and where the real providers are (real-providers.mjs uses them).
//
// Real mirrors: TF_PROVIDER_MIRROR (folders separated by ":"), else /opt/tf-plugins if present.
// Fill one on a machine with the registry: `terraform providers mirror <dir>` in a stack folder.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bindingSchema } from "./binding-schema.mjs";
import { encodeProviderSchema } from "./plugin-protocol.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
/** This machine's provider platform, as Terraform names it (`linux_amd64`). */
export const TARGET = `${process.platform}_${{ x64: "amd64", arm64: "arm64" }[process.arch] ?? process.arch}`;

/** The resource and data source types (or those of the given kinds) the configurations use. */
export function usedTypes(configs, kinds = ["resource", "data"]) {
  return [...new Set(configs.flatMap((c) => kinds.flatMap((kind) => Object.keys(c[kind] ?? {}))))];
}

// ---- versions and Terraform's version constraints ----------------------------------------------

const parse = (v) => v.split(".").map((n) => Number.parseInt(n, 10) || 0);
function compare(a, b) {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Whether `version` meets a Terraform constraint such as `~> 5.0`, `4.52.0`, `>= 1.2, < 2`. */
export function satisfies(version, constraint = "") {
  return constraint
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean)
    .every((c) => {
      const [, op = "=", want] = /^(~>|>=|<=|!=|>|<|=)?\s*([\d.]+)$/.exec(c) ?? [];
      if (!want) throw new Error(`unsupported version constraint "${c}"`);
      const d = compare(version, want);
      if (op === "~>") {
        const parts = parse(want);
        const upper = parts.length > 1 ? [...parts.slice(0, -2), parts[parts.length - 2] + 1].join(".") : `${parts[0] + 1}`;
        return d >= 0 && compare(version, upper) < 0;
      }
      return { "=": d === 0, "!=": d !== 0, ">": d > 0, ">=": d >= 0, "<": d < 0, "<=": d <= 0 }[op];
    });
}

// ---- what is on the machine ---------------------------------------------------------------------

/** Prebuilt bindings installed in node_modules (also under npm aliases), with the provider each is for. */
export function installedBindings(nodeModules = resolve("node_modules")) {
  const dirs = readdirSync(nodeModules).flatMap((d) => (d.startsWith("@") ? readdirSync(join(nodeModules, d)).map((s) => join(nodeModules, d, s)) : [join(nodeModules, d)]));
  return dirs.flatMap((dir) => {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      const provider = pkg.cdktf?.provider ?? pkg.cdktn?.provider; // cdktf's bindings, or CDK Terrain's
      if (!provider?.name) return [];
      return [{ dir, source: provider.name.replace(/^registry\.terraform\.io\//, ""), version: provider.version, binding: `${pkg.name}@${pkg.version}` }];
    } catch {
      return [];
    }
  });
}

/** Every provider source → the version constraints the stacks' `required_providers` give it. */
export function requiredProviders(configs) {
  const wanted = new Map();
  for (const config of configs) {
    for (const p of Object.values(config.terraform?.required_providers ?? {})) {
      const source = p.source.includes("/") ? p.source.replace(/^registry\.terraform\.io\//, "") : `hashicorp/${p.source}`;
      if (!wanted.has(source)) wanted.set(source, new Set());
      wanted.get(source).add(p.version ?? "");
    }
  }
  return wanted;
}

// ---- the stand-in's files ---------------------------------------------------------------------

/** A self-signed certificate and its key (PEM files `<name>-cert.pem`, `<name>-key.pem` in `dir`), made once. */
export async function selfSignedCertificate(dir, name, commonName = "localhost") {
  const certFile = join(dir, `${name}-cert.pem`);
  const keyFile = join(dir, `${name}-key.pem`);
  if (existsSync(certFile) && existsSync(keyFile)) return { certFile, keyFile };
  await import("reflect-metadata"); // @peculiar/x509 needs it loaded first
  const x509 = await import("@peculiar/x509");
  const { webcrypto } = await import("node:crypto");
  x509.cryptoProvider.set(webcrypto);
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: `CN=${commonName}`,
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 10 * 365 * 86400_000),
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: "dns", value: commonName }, { type: "ip", value: "127.0.0.1" }]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey)).toString("base64");
  mkdirSync(dir, { recursive: true });
  writeFileSync(certFile, cert.toString("pem") + "\n");
  writeFileSync(keyFile, `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g).join("\n")}\n-----END PRIVATE KEY-----\n`);
  return { certFile, keyFile };
}

/**
 * The encoded schema a stand-in serves: a real provider's own (captured), or one read from a
 * binding (read once, cached by binding and by this reader's own code). With `types`, only those
 * resource and data source types: a stage that checks a known set of configurations needs no
 * other, and a provider as large as AWS then costs Terraform milliseconds instead of seconds.
 */
export function schemaFile(cacheDir, binding, types, computedFrom) {
  const reader = ["binding-schema.mjs", "plugin-protocol.mjs"].map((f) => readFileSync(join(HERE, f))).join("");
  const hash = (...parts) => parts.reduce((h, p) => h.update(p), createHash("sha256")).digest("hex").slice(0, 16);
  const wanted = types && [...types].sort();
  const base = join(cacheDir, `${binding.binding.replace(/[^\w.-]+/g, "_")}-${hash(binding.binding, reader)}`);
  let schema = binding.schema;
  if (!schema) {
    // Only the types asked for are read from the binding (AWS has ~1,500 modules).
    const json = `${base}-${hash(JSON.stringify(wanted ?? "all"))}.json`;
    if (!existsSync(json)) writeFileSync(json, JSON.stringify(binding.dir ? bindingSchema(binding.dir, wanted) : { provider: { block: {} } }));
    schema = JSON.parse(readFileSync(json, "utf8"));
  }
  if (computedFrom) schema = markComputed(schema, computedFrom.schema);
  const file = `${base}-${hash(binding.schema ? JSON.stringify(binding.schema) : "", JSON.stringify(wanted ?? "all"), computedFrom?.id ?? "")}.pb`;
  if (!existsSync(file)) {
    const pick = (all) => (wanted ? Object.fromEntries(wanted.filter((t) => all?.[t]).map((t) => [t, all[t]])) : all);
    writeFileSync(file, encodeProviderSchema({ ...schema, resource_schemas: pick(schema.resource_schemas), data_source_schemas: pick(schema.data_source_schemas) }));
  }
  return { file, schema };
}

/**
 * `schema` with every optional argument that `reference` (a schema of the same provider, such as
 * the real AWS 5 provider's for the AWS 6 binding, or what the Cloudflare 5 provider's source
 * says) marks computed also marked computed: a binding cannot tell, and without it a mocked plan
 * has `null` where the provider would have a value known only after apply. Types and attributes
 * the reference does not have stay as they were.
 */
export function markComputed(schema, reference) {
  const block = (ours, ref) => {
    if (!ours || !ref) return ours;
    const attributes = Object.fromEntries(
      Object.entries(ours.attributes ?? {}).map(([name, a]) => {
        const r = ref.attributes?.[name];
        let out = a;
        if (r?.computed && a.optional && !a.computed) out = { ...out, computed: true };
        if (a.nested_type && r?.nested_type) out = { ...out, nested_type: { ...a.nested_type, ...block(a.nested_type, r.nested_type) } };
        return [name, out];
      }),
    );
    const blockTypes = ours.block_types && Object.fromEntries(Object.entries(ours.block_types).map(([name, b]) => [name, { ...b, block: block(b.block, ref.block_types?.[name]?.block) }]));
    return { ...ours, attributes, ...(blockTypes ? { block_types: blockTypes } : {}) };
  };
  const kind = (k) => Object.fromEntries(Object.entries(schema[k] ?? {}).map(([type, s]) => [type, { ...s, block: block(s.block, reference[k]?.[type]?.block) }]));
  return { ...schema, resource_schemas: kind("resource_schemas"), data_source_schemas: kind("data_source_schemas") };
}

/**
 * What a stand-in for `source` under `constraint` serves: a real provider's own schema read
 * earlier (`captured`, "source@version" → schema), else the newest fitting binding's, else (a
 * provider with no binding, such as `local`, which the reference declares for its lock file
 * only) an empty schema, so that any use of one of its types fails as unknown.
 */
export function standInSchema(source, constraint, { bindings = installedBindings(), captured = {} } = {}) {
  const schemas = Object.entries(captured).map(([at, schema]) => ({ source: at.split("@")[0], version: at.split("@")[1], schema, binding: `${at} (its own schema)`, kind: "stand-in (real schema)" }));
  const fitting = [...schemas, ...bindings.map((b) => ({ ...b, kind: "stand-in" }))].filter((b) => b.source === source && satisfies(b.version, constraint));
  const best = fitting.sort((a, b) => compare(b.version, a.version))[0];
  if (best) return best;
  const lowest = /([\d.]+)/.exec(constraint)?.[1] ?? "0.0.0";
  const version = parse(lowest).concat([0, 0]).slice(0, 3).join(".");
  return { source, version, binding: `${source}@${version}-empty`, kind: "stand-in (empty: no binding installed)" };
}

/** Real mirror folders from TF_PROVIDER_MIRROR, else the machine's /opt/tf-plugins if present. */
export function realMirrorDirs(env = process.env) {
  if (env.TF_PROVIDER_MIRROR) return env.TF_PROVIDER_MIRROR.split(":").filter(Boolean).map((d) => resolve(d));
  return ["/opt/tf-plugins"].filter((d) => existsSync(d) && statSync(d).isDirectory());
}
