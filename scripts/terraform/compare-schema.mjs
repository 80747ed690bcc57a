// How far a schema read from a binding (binding-schema.mjs) agrees with the real provider's
// (`terraform providers schema -json`): what Terraform checks, type by type. Used by the
// Terraform stage on AWS, whose real provider is on the machine, to measure the reader itself.
//
//   node scripts/terraform/compare-schema.mjs <binding schema.json> <providers schema -json> <source> [type …]
import { isMain } from "../is-main.mjs";

const ourBlocksOf = (block) => block?.block_types ?? {};

/** Differences between two schema blocks, as `path: what` lines; optional-vs-optional+computed is not one. */
export function blockDifferences(ours, real, path) {
  const out = [];
  const ourAttrs = ours?.attributes ?? {};
  const realAttrs = real?.attributes ?? {};
  for (const [name, r] of Object.entries(realAttrs)) {
    const o = ourAttrs[name];
    const at = `${path}.${name}`;
    // An SDKv2 "attribute as blocks" (aws_security_group's ingress): a set of objects that
    // configurations write as blocks. The binding has it as blocks or as a nested attribute of the
    // same nesting, which Terraform accepts in the same forms.
    const objects = Array.isArray(r.type) && ["list", "set"].includes(r.type[0]) && Array.isArray(r.type[1]) && r.type[1][0] === "object";
    if (objects && ((!o && ourBlocksOf(ours)[name]) || o?.nested_type?.nesting_mode === r.type[0])) continue;
    if (!o) {
      out.push(`${at}: missing`);
      continue;
    }
    const mode = (a) => (a.required ? "required" : a.optional ? "optional" : "computed");
    if (mode(o) !== mode(r)) out.push(`${at}: ${mode(o)}, real ${mode(r)}`);
    if (r.nested_type || o.nested_type) {
      if (r.nested_type?.nesting_mode !== o.nested_type?.nesting_mode) out.push(`${at}: nesting ${o.nested_type?.nesting_mode}, real ${r.nested_type?.nesting_mode}`);
      else out.push(...blockDifferences(o.nested_type, r.nested_type, at));
    } else if (JSON.stringify(o.type) !== JSON.stringify(r.type)) out.push(`${at}: type ${JSON.stringify(o.type)}, real ${JSON.stringify(r.type)}`);
  }
  for (const name of Object.keys(ourAttrs)) if (!realAttrs[name]) out.push(`${path}.${name}: not in the real schema`);
  const ourBlocks = ourBlocksOf(ours);
  const realBlocks = real?.block_types ?? {};
  for (const [name, r] of Object.entries(realBlocks)) {
    const o = ourBlocks[name];
    const at = `${path}.${name}`;
    if (!o) {
      out.push(`${at}: block missing${ourAttrs[name] ? " (read as an attribute)" : ""}`);
      continue;
    }
    // A block of at most one item is a list in the real schema; the binding cannot tell max_items.
    if (o.nesting_mode !== r.nesting_mode) out.push(`${at}: nesting ${o.nesting_mode}, real ${r.nesting_mode}`);
    if ((o.min_items ?? 0) > 0 !== (r.min_items ?? 0) > 0) out.push(`${at}: min_items ${o.min_items ?? 0}, real ${r.min_items ?? 0}`);
    out.push(...blockDifferences(o.block, r.block, at));
  }
  for (const name of Object.keys(ourBlocks)) if (!realBlocks[name] && !realAttrs[name]) out.push(`${path}.${name}: block not in the real schema`);
  return out;
}

/**
 * Differences for the given resource and data source types (`{ resources, data }`; every type
 * when none given), and the provider block when `provider` is set (it grows with each release).
 */
export function schemaDifferences(ours, real, types, { provider = false } = {}) {
  const out = provider ? blockDifferences(ours.provider.block, real.provider.block, "provider") : [];
  for (const kind of ["resource_schemas", "data_source_schemas"]) {
    const wanted = types && (kind === "resource_schemas" ? types.resources : types.data);
    const names = wanted ? wanted.filter((t) => real[kind]?.[t]) : Object.keys(real[kind] ?? {});
    for (const name of names) {
      if (!ours[kind][name]) out.push(`${name}: missing`);
      else out.push(...blockDifferences(ours[kind][name].block, real[kind][name].block, kind === "data_source_schemas" ? `data.${name}` : name));
    }
  }
  return out;
}

/**
 * Where a schema read from a binding disagrees with a provider's source on whether each attribute
 * is required, optional or computed only (`flags`: what read-cloudflare-flags.mjs writes), for the
 * types `flags` has; nested attributes of a computed-only one are the provider's to fill, not compared.
 */
export function flagDifferences(ours, flags) {
  const mode = (a) => (a.required ? "required" : a.optional ? "optional" : "computed");
  const out = [];
  const walk = (mine, source, path) => {
    for (const [name, s] of Object.entries(source)) {
      const o = mine?.[name];
      if (!o) {
        out.push(`${path}.${name}: missing, the source has it ${mode(s)}`);
        continue;
      }
      if (mode(o) !== mode(s)) out.push(`${path}.${name}: ${mode(o)}, the source says ${mode(s)}`);
      if (s.nested_type && mode(s) !== "computed") walk(o.nested_type?.attributes, s.nested_type.attributes, `${path}.${name}`);
    }
    for (const name of Object.keys(mine ?? {})) if (!source[name]) out.push(`${path}.${name}: not in the source`);
  };
  for (const kind of ["resource_schemas", "data_source_schemas"]) {
    for (const [type, s] of Object.entries(flags[kind] ?? {})) {
      const at = kind === "data_source_schemas" ? `data.${type}` : type;
      if (ours[kind]?.[type]) walk(ours[kind][type].block.attributes, s.block.attributes, at);
    }
  }
  return out;
}

if (isMain(import.meta.url)) {
  const { readFileSync } = await import("node:fs");
  const [ours, realAll, source, ...types] = process.argv.slice(2);
  const real = JSON.parse(readFileSync(realAll, "utf8")).provider_schemas[source];
  const diffs = schemaDifferences(JSON.parse(readFileSync(ours, "utf8")), real, types.length ? { resources: types, data: types } : undefined, { provider: true });
  console.log(diffs.join("\n"));
  console.error(`${diffs.length} differences`);
}
