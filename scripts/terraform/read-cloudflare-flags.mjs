// Reads Required / Optional / Computed of every attribute of the Cloudflare 5 types the stacks use
// from the provider's own source (a clone of github.com/cloudflare/terraform-provider-cloudflare),
// at a tag: the binding cannot say which optional attributes are also computed, and the Terraform
// stage's Cloudflare 5 stand-in marks them so from cloudflare-5.14-schema-flags.json, which this
// writes. Run again when the Cloudflare 5 pin moves:
//
//   node scripts/terraform/read-cloudflare-flags.mjs <clone> v5.14.0 > scripts/terraform/cloudflare-5.14-schema-flags.json
import { execFileSync } from "node:child_process";

const [repo, tag] = process.argv.slice(2);
// The Cloudflare 5 types the stacks use (the provider's folder names, without `cloudflare_`).
const types = { resource: ["dns_record", "zero_trust_access_application", "zero_trust_access_policy", "authenticated_origin_pulls", "authenticated_origin_pulls_certificate", "authenticated_origin_pulls_settings"], data: ["zone", "ip_ranges"] };
/** The text between the brace at `start` and its match (strings skipped). */
function body(src, start) {
  let d = 0;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === '`') { const q = c; for (i++; src[i] !== q; i++) if (src[i] === "\\" && q === '"') i++; continue; }
    if (c === "{") d++; else if (c === "}" && --d === 0) return src.slice(start + 1, i);
  }
  throw new Error("unbalanced");
}
/** The text of `b` outside any braces: the flags of one attribute, not of its nested ones. */
function flat(b) {
  let d = 0, out = "";
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === '"' || c === '`') { const q = c; let j = i + 1; for (; b[j] !== q; j++) if (b[j] === "\\" && q === '"') j++; if (d === 0) out += b.slice(i, j + 1); i = j; continue; }
    if (c === "{") d++; else if (c === "}") d--; else if (d === 0) out += c;
  }
  return out;
}
/** The attributes of one `map[string]schema.Attribute{…}` body, nested ones within. */
function attrs(map) {
  const out = {};
  const re = /"(\w+)": schema\.(\w+)\{/g;
  // Entry after entry: each search starts past the previous entry's body, so nested ones are not met here.
  for (let i = 0; i < map.length; ) {
    re.lastIndex = i;
    const m = re.exec(map);
    if (!m) break;
    const b = body(map, m.index + m[0].length - 1);
    const f = flat(b);
    const a = {};
    for (const k of ["Required", "Optional", "Computed"]) if (new RegExp(`\\b${k}:\\s*true`).test(f)) a[k.toLowerCase()] = true;
    const nested = /Attributes: map\[string\]schema\.Attribute\{/.exec(b);
    if (nested) a.nested_type = { attributes: attrs(body(b, nested.index + nested[0].length - 1)) };
    out[m[1]] = a;
    i = m.index + m[0].length - 1 + b.length + 2;
  }
  return out;
}
const result = { resource_schemas: {}, data_source_schemas: {} };
for (const [kind, list] of Object.entries(types)) for (const t of list) {
  let src;
  try { src = execFileSync("git", ["-C", repo, "show", `${tag}:internal/services/${t}/${kind === "data" ? "data_source_schema" : "schema"}.go`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }); } catch { console.error("no", kind, t); continue; }
  const at = /Attributes: map\[string\]schema\.Attribute\{/.exec(src);
  result[kind === "data" ? "data_source_schemas" : "resource_schemas"][`cloudflare_${t}`] = { block: { attributes: attrs(body(src, at.index + at[0].length - 1)) } };
}
const from = `Required, Optional and Computed of every attribute of the Cloudflare 5 types the stacks use, as github.com/cloudflare/terraform-provider-cloudflare declares them at tag ${tag} (internal/services/<type>/schema.go, data_source_schema.go), read by scripts/terraform/read-cloudflare-flags.mjs. The binding cannot say which optional attributes are also computed; the Terraform stage takes it from here.`;
const lines = ["{", `  "_from": ${JSON.stringify(from)},`];
for (const [i, kind] of ["resource_schemas", "data_source_schemas"].entries()) {
  const entries = Object.entries(result[kind]).map(([t, s]) => `    "${t}": ${JSON.stringify(s)}`);
  lines.push(`  "${kind}": {`, entries.join(",\n"), `  }${i === 0 ? "," : ""}`);
}
console.log(`${lines.join("\n")}\n}`);
