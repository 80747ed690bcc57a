// A provider's schema, read back from its prebuilt binding (node_modules/@cdktf/provider-*, @cdktn/provider-*).
//
// The bindings are generated from the providers' own schemas, and the generated code keeps what
// Terraform checks: every configurable argument with its Terraform name, whether it is a block and
// how it nests (`synthesizeHclAttributes()` and the `<struct>ToHclTerraform` functions), which
// arguments are optional (`?` in the config interfaces of index.d.ts), and every readable attribute
// with its type (the getters: `getStringAttribute('arn')`, `new XList(this, "rule", true)`, …).
// Whether an optional argument is also computed only where the generator's comment says so
// (`// name - computed: true, optional: true, …`: cdktf writes it for complex and read-only
// attributes, CDK Terrain for every one), a resource's `id` and a data source's arguments; and
// nothing of the provider's own checks (ExactlyOneOf, value formats), which run inside a real
// provider. Both generated styles are read: cdktf's (`@cdktf/provider-*`) and CDK Terrain's
// (`@cdktn/provider-*`: `cdktn.` base classes, `static tfResourceType`, fields as class fields).
//
// The result has the shape of one provider in `terraform providers schema -json`, so it can be
// compared with a real provider's (scripts/terraform/compare-schema.mjs does, for AWS).
//
//   node scripts/terraform/binding-schema.mjs <binding package dir> > schema.json
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { isMain } from "../is-main.mjs";

const PRIMITIVE = { string: "string", number: "number", boolean: "bool", any: "dynamic" };

/**
 * The cty type of a simple argument from its HCL kind and storage class (`stringList`, `numberMap`,
 * and nested ones, innermost first: `stringMapList` is a list of maps of strings). The outer kind
 * says list or set; an inner collection is read as a list (the binding does not say set).
 */
function simpleType(kind, storage) {
  if (kind === "simple") return PRIMITIVE[storage] ?? "dynamic";
  if (!["list", "set", "map"].includes(kind)) return "dynamic";
  const [, base, nesting] = /^(string|number|boolean|any)((?:List|Map)*)(?:List|Map)$/.exec(storage) ?? [];
  if (!base) return [kind, "dynamic"];
  let inner = PRIMITIVE[base];
  for (const k of nesting.match(/List|Map/g) ?? []) inner = [k === "Map" ? "map" : "list", inner];
  return [kind, inner];
}

/** Whether a block holds a dynamic-typed attribute, at any depth. */
function hasDynamic(block) {
  const dynamic = (t) => t === "dynamic" || (Array.isArray(t) && t.slice(1).some((x) => (typeof x === "object" && !Array.isArray(x) ? Object.values(x).some(dynamic) : dynamic(x))));
  return (
    Object.values(block.attributes ?? {}).some((a) => (a.nested_type ? hasDynamic(a.nested_type) : dynamic(a.type))) ||
    Object.values(block.block_types ?? {}).some((b) => hasDynamic(b.block))
  );
}

/** The body of a function, class or interface starting at `start` (the index of its `{`), by brace depth. */
function bodyAt(src, start) {
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === "/" && src[i + 1] === "/") i = src.indexOf("\n", i);
    else if (c === "/" && src[i + 1] === "*") i = src.indexOf("*/", i + 2) + 1;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return src.slice(start + 1, i);
    else if (c === '"' || c === "'" || c === "`") {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === "\\") i++;
    }
  }
  throw new Error("unbalanced braces");
}

const ENTRY = /(\w+): \{\s*value: ([\s\S]*?),\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)",\s*\}/g;

/** The arguments one HCL function writes: Terraform name → { isBlock, kind, storage, struct }. */
function hclEntries(body) {
  const entries = new Map();
  for (const [, name, value, isBlock, kind, storage] of body.matchAll(ENTRY)) {
    const struct = /\b(?<!cdkt[fn]\.)([a-z]\w*)ToHclTerraform\b/.exec(value)?.[1];
    entries.set(name, { isBlock: isBlock === "true", kind, storage, struct });
  }
  return entries;
}

/**
 * Properties of `export interface Name … { … }` in index.d.ts: whether each is optional, and
 * whether its doc comment is the generator's "<name> block", which it writes for blocks only (a
 * nested attribute of a plugin-framework provider, such as Cloudflare v5's, gets its description).
 */
function interfaceProps(dts, name) {
  const at = dts.search(new RegExp(`export interface ${name}(?: extends [\\w.]+)? \\{`));
  if (at < 0) return new Map();
  const body = bodyAt(dts, dts.indexOf("{", at));
  return new Map(
    [...body.matchAll(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)?\s*readonly (\w+)(\?)?:/g)].map(([, doc = "", prop, opt]) => [
      prop,
      { optional: opt === "?", block: /^\s*\*\s*\w+ block\s*$/m.test(doc) },
    ]),
  );
}

const GETTER = /\n {4}get (\w+)\(\) \{\s*return ([^;]+);\s*\}/g;
const SIMPLE_GETTERS = {
  getStringAttribute: "string",
  getNumberAttribute: "number",
  getBooleanAttribute: "bool",
  getListAttribute: ["list", "string"],
  getNumberListAttribute: ["list", "number"],
  getBooleanListAttribute: ["list", "bool"],
  getStringMapAttribute: ["map", "string"],
  getNumberMapAttribute: ["map", "number"],
  getBooleanMapAttribute: ["map", "bool"],
  getAnyMapAttribute: ["map", "dynamic"],
  interpolationForAttribute: "dynamic",
};

class Module {
  constructor(js, dts) {
    this.js = js;
    this.dts = dts;
    this.classes = new Map();
    for (const m of js.matchAll(/\nclass (\w+) extends ([\w.]+) \{/g)) {
      this.classes.set(m[1], { base: m[2], body: bodyAt(js, m.index + m[0].length - 1) });
    }
  }

  /**
   * The generator's comment above an attribute of a class (`// name - computed: true, optional:
   * true, required: false`): cdktf writes it for complex attributes and read-only ones, CDK Terrain
   * for every one. Terraform name → { computed, optional, required }.
   */
  flags(className) {
    const out = new Map();
    const body = this.classes.get(className)?.body ?? "";
    for (const [, name, computed, optional, required] of body.matchAll(/\/\/ (\w+) - computed: (true|false), optional: (true|false), required: (true|false)/g)) {
      out.set(name, { computed: computed === "true", optional: optional === "true", required: required === "true" });
    }
    return out;
  }

  /** Terraform name → cty type of every readable attribute of a class (resource or OutputReference). */
  getters(className) {
    const cls = this.classes.get(className);
    const types = new Map();
    if (!cls) return types;
    const fields = new Map();
    // The generator comments each complex field with its flags; an attribute has at least one of
    // them set, so a field with none is a block (a data source's computed `action { forward { … } }`).
    // cdktf sets them in the constructor (`this._rule = new …`), CDK Terrain as class fields (`_rule = new …`).
    const FIELD = /(?:\/\/ \w+ - computed: (true|false), optional: (true|false), required: (true|false)\s*)?(?:this\.)?(_\w+) = new (?:\w+\.)?(\w+)\(this, "(\w+)"(?:, (true|false))?\)/g;
    for (const [, computed, optional, required, field, ctor, tfName, wrapsSet] of cls.body.matchAll(FIELD)) {
      const block = computed === "false" && optional === "false" && required === "false";
      fields.set(field, { ctor, tfName, wrapsSet: wrapsSet === "true", block });
    }
    for (const [, getter, expr] of cls.body.matchAll(GETTER)) {
      const simple = /this\.(\w+)\('(\w+)'\)/.exec(expr);
      if (simple && SIMPLE_GETTERS[simple[1]] !== undefined) {
        let type = SIMPLE_GETTERS[simple[1]];
        if (/Fn\.tolist\(/.test(expr) && Array.isArray(type) && type[0] === "list") type = ["set", type[1]];
        types.set(simple[2], type);
        continue;
      }
      const field = /^this\.(_\w+)$/.exec(expr.trim());
      const complex = field && fields.get(field[1]);
      // CDK Terrain's data sources return a field for `id` (`return this._type`): a string, as every `id` is.
      if (getter === "id" && !complex && !/Attribute\(/.test(expr)) types.set("id", "string");
      else if (complex) types.set(complex.tfName, complex.block ? { block: this.computedBlock(complex.ctor, complex.wrapsSet) } : this.complexType(complex.ctor, complex.wrapsSet));
    }
    return types;
  }

  /** A block with no arguments, only attributes the provider reads (a data source's), as `block_types` holds it. */
  computedBlock(ctor, wrapsSet) {
    const element = ctor.endsWith("OutputReference") ? ctor : /return new (?:\w+\.)?(\w+OutputReference)\(/.exec(this.classes.get(ctor)?.body ?? "")?.[1];
    const nesting = ctor.endsWith("OutputReference") ? "single" : ctor.endsWith("Map") ? "map" : wrapsSet ? "set" : "list";
    return { nesting_mode: nesting, block: this.block({ hclBody: "", interfaceName: "", className: element }) };
  }

  /** The cty type of a complex attribute held by an instance of `ctor` (XOutputReference, XList, XMap). */
  complexType(ctor, wrapsSet) {
    // cdktf's own collections: StringMap, NumberListMap, StringMapList, … (innermost first).
    const own = /^(String|Number|Boolean|Any)((?:List|Map)+)$/.exec(ctor);
    if (own) {
      let type = PRIMITIVE[own[1].toLowerCase()];
      for (const kind of own[2].match(/List|Map/g)) type = [kind === "Map" ? "map" : "list", type];
      return type;
    }
    if (ctor.endsWith("OutputReference")) return ["object", Object.fromEntries(this.getters(ctor))];
    const element = /return new (?:\w+\.)?(\w+OutputReference)\(/.exec(this.classes.get(ctor)?.body ?? "")?.[1];
    const object = element ? ["object", Object.fromEntries(this.getters(element))] : "dynamic";
    if (ctor.endsWith("Map")) return ["map", object];
    return [wrapsSet ? "set" : "list", object];
  }

  /**
   * One level of the schema: the arguments written by an HCL function (the resource's
   * synthesizeHclAttributes or a struct's ToHclTerraform), the optional flags of its interface,
   * and the readable attributes of its class (computed-only ones appear only there).
   */
  block({ hclBody, interfaceName, className, top = false, data = false }) {
    const entries = hclEntries(hclBody);
    const optional = interfaceProps(this.dts, interfaceName);
    const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
    if (optional.size === 0 && entries.size > 0) throw new Error(`no interface ${interfaceName} in the binding's declarations`);
    // The generator's camel case capitalizes after a digit (`m3u8_settings` → m3U8Settings): match without case.
    const folded = new Map([...optional].map(([k, v]) => [k.toLowerCase(), v]));
    const prop = (name) => optional.get(camel(name)) ?? optional.get(`${camel(name)}Attribute`) ?? folded.get(camel(name).toLowerCase()) ?? folded.get(`${camel(name)}Attribute`.toLowerCase());
    const isOptional = (name) => prop(name)?.optional ?? true;
    const getters = className ? this.getters(className) : new Map();
    const flags = className ? this.flags(className) : new Map();
    const block = { attributes: {}, block_types: {} };
    for (const [name, entry] of entries) {
      const opt = isOptional(name);
      if (entry.struct) {
        const structName = entry.struct[0].toUpperCase() + entry.struct.slice(1);
        // The interface the function takes (a name that collides gets a suffix: `…ConfigA`).
        const param = new RegExp(`function ${entry.struct}ToHclTerraform\\(struct\\?: ([^)]+)\\)`).exec(this.dts)?.[1] ?? "";
        const declared = param.split("|").map((t) => t.trim()).find((t) => /^\w+$/.test(t) && !t.endsWith("OutputReference"));
        const inner = this.block({
          hclBody: this.structBody(entry.struct),
          interfaceName: declared ?? structName,
          className: `${structName}OutputReference`,
        });
        const nesting = entry.kind === "struct" ? "single" : entry.kind;
        if (prop(name)?.block ?? entry.isBlock) {
          // A required block has at least one item; a single one, exactly one (Terraform wants both
          // set); a map of blocks has no bounds.
          const required = opt || nesting === "map" ? {} : nesting === "single" ? { min_items: 1, max_items: 1 } : { min_items: 1 };
          // Where the binding types a recursive part as `any` (wafv2 statements), a set of blocks
          // cannot hold it: Terraform allows no dynamic type in a set. Read it as a list.
          const mode = nesting === "set" && hasDynamic(inner) ? "list" : nesting;
          block.block_types[name] = { nesting_mode: mode, block: inner, ...required };
        } else {
          block.attributes[name] = {
            nested_type: { nesting_mode: nesting, attributes: inner.attributes },
            ...(opt ? { optional: true } : { required: true }),
            ...(opt && flags.get(name)?.computed ? { computed: true } : {}),
          };
        }
        continue;
      }
      const type = entry.kind === "simple" && getters.has(name) ? getters.get(name) : simpleType(entry.kind, entry.storage);
      // Optional and also computed: a resource's `id`, a data source's arguments, which a data
      // source reads back (aws_region's `name` is known after the read even when not given), and
      // any argument the generator's comment says is computed.
      const computed = opt && ((top && (name === "id" || data)) || !!flags.get(name)?.computed);
      block.attributes[name] = { type, ...(opt ? { optional: true } : { required: true }), ...(computed ? { computed: true } : {}) };
    }
    for (const [name, type] of getters) {
      if (entries.has(name)) continue;
      if (type.block) (block.block_types ??= {})[name] = type.block;
      else block.attributes[name] = { type, computed: true };
    }
    if (Object.keys(block.block_types).length === 0) delete block.block_types;
    return block;
  }

  structBody(fn) {
    const m = new RegExp(`\\nfunction ${fn}ToHclTerraform\\(struct\\) \\{`).exec(this.js);
    if (!m) throw new Error(`no function ${fn}ToHclTerraform`);
    return bodyAt(this.js, m.index + m[0].length - 1);
  }

  /** The resource, data source or provider class of the module, with its Terraform type name. */
  main() {
    for (const [name, cls] of this.classes) {
      // cdktf's base classes, or CDK Terrain's (`cdktn.TerraformResource`).
      const kind = { TerraformResource: "resource", TerraformDataSource: "data", TerraformProvider: "provider" }[/^cdkt[fn]\.(\w+)$/.exec(cls.base)?.[1]];
      if (!kind) continue;
      // cdktf assigns it after the class (`X.tfResourceType = "…";`), CDK Terrain declares it in it (`static tfResourceType = "…";`).
      const type = (new RegExp(`${name}\\.tfResourceType = "(\\w+)";`).exec(this.js) ?? /\n {4}static tfResourceType = "(\w+)";/.exec(cls.body))?.[1];
      const hcl = /\n {4}synthesizeHclAttributes\(\) \{/.exec(cls.body);
      if (!type || !hcl) continue;
      const hclBody = bodyAt(cls.body, hcl.index + hcl[0].length - 1);
      // The config interface the constructor takes (`…Config`, or `…ConfigA` where that name collides).
      const declared = new RegExp(`class ${name} extends [\\w.]+ \\{[\\s\\S]*?constructor\\(scope: Construct, id: string, config\\??: (\\w+)\\)`).exec(this.dts)?.[1];
      const block = this.block({ hclBody, interfaceName: declared ?? `${name}Config`, className: kind === "provider" ? undefined : name, top: kind !== "provider", data: kind === "data" });
      return { kind, type, block };
    }
    return undefined;
  }
}

/** The module folders of a binding's lib/ that hold `types` (all when none), plus the provider's. */
function moduleDirs(lib, types) {
  const all = () => readdirSync(lib, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  if (!types) return all();
  // The generator names a folder after the type without the provider's prefix, in kebab case
  // (`aws_lb_listener` → lb-listener, data `aws_subnets` → data-aws-subnets); where a guess
  // misses (it declares another type), every folder is read.
  const guess = (type) => type.replace(/^[a-z0-9]+_/, "").replaceAll("_", "-");
  const dirs = ["provider"];
  for (const type of types) {
    // A name may be both a resource and a data source (aws_vpc): take every folder that declares it.
    const found = [guess(type), `data-${type.replaceAll("_", "-")}`].filter((d) => {
      const js = join(lib, d, "index.js");
      return existsSync(js) && readFileSync(js, "utf8").includes(`tfResourceType = "${type}";`);
    });
    if (!found.length) return all();
    dirs.push(...found);
  }
  return [...new Set(dirs)];
}

/**
 * The schema of the provider whose binding is installed at `dir`, in `providers schema -json`
 * form; with `types`, only those resource and data source types (and the provider block).
 */
export function bindingSchema(dir, types) {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  // cdktf's bindings say which provider they are for under "cdktf", CDK Terrain's under "cdktn".
  const provider = pkg.cdktf?.provider ?? pkg.cdktn?.provider;
  const source = provider?.name;
  const version = provider?.version;
  if (!source || !version) throw new Error(`${dir}: not a prebuilt provider binding (no cdktf.provider or cdktn.provider in package.json)`);
  const schema = { source, version, binding: `${pkg.name}@${pkg.version}`, provider: { version: 0, block: { attributes: {} } }, resource_schemas: {}, data_source_schemas: {} };
  const lib = join(dir, "lib");
  // A provider's types start with its name (`aws_…`); the others are some other provider's.
  const prefix = `${source.split("/").pop()}_`;
  types = types?.filter((t) => t.startsWith(prefix));
  for (const name of moduleDirs(lib, types)) {
    if (!existsSync(join(lib, name, "index.js"))) continue;
    // Large modules keep their structs in index-structs/*.js beside index.js: read them as one.
    const files = readdirSync(join(lib, name), { recursive: true }).filter((f) => /\.js$|\.d\.ts$/.test(f)).sort();
    const read = (ext) => files.filter((f) => f.endsWith(ext) && (ext === ".d.ts" || !f.endsWith(".d.ts"))).map((f) => readFileSync(join(lib, name, f), "utf8")).join("\n");
    const main = new Module(read(".js"), read(".d.ts")).main();
    if (!main) continue;
    if (main.kind === "provider") {
      delete main.block.attributes.alias; // a meta-argument, not part of the provider's schema
      schema.provider = { version: 0, block: main.block };
    } else if (!types || types.includes(main.type)) {
      schema[main.kind === "resource" ? "resource_schemas" : "data_source_schemas"][main.type] = { version: 0, block: main.block };
    }
  }
  return schema;
}

if (isMain(import.meta.url)) {
  process.stdout.write(JSON.stringify(bindingSchema(process.argv[2])));
}
