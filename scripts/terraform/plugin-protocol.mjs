// The part of Terraform's plugin protocol 6 that a schema-only provider serves, as a protobufjs
// descriptor: the messages of GetProviderSchema and the Validate* calls, written down for this
// project from the protocol's published definition (field names and numbers must match it).
import protobuf from "protobufjs";

const field = (type, id, rule) => ({ type, id, ...(rule ? { rule } : {}) });
const empty = { fields: {} };

const descriptor = {
  nested: {
    tfplugin6: {
      nested: {
        DynamicValue: { fields: { msgpack: field("bytes", 1), json: field("bytes", 2) } },
        AttributePath: {
          fields: { steps: field("Step", 1, "repeated") },
          nested: {
            Step: {
              oneofs: { selector: { oneof: ["attribute_name", "element_key_string", "element_key_int"] } },
              fields: { attribute_name: field("string", 1), element_key_string: field("string", 2), element_key_int: field("int64", 3) },
            },
          },
        },
        Diagnostic: {
          fields: { severity: field("Severity", 1), summary: field("string", 2), detail: field("string", 3), attribute: field("AttributePath", 4) },
          nested: { Severity: { values: { INVALID: 0, ERROR: 1, WARNING: 2 } } },
        },
        StringKind: { values: { PLAIN: 0, MARKDOWN: 1 } },
        Schema: {
          fields: { version: field("int64", 1), block: field("Block", 2) },
          nested: {
            Block: {
              fields: {
                version: field("int64", 1),
                attributes: field("Attribute", 2, "repeated"),
                block_types: field("NestedBlock", 3, "repeated"),
                description: field("string", 4),
                description_kind: field("StringKind", 5),
                deprecated: field("bool", 6),
              },
            },
            Attribute: {
              fields: {
                name: field("string", 1),
                type: field("bytes", 2),
                nested_type: field("Object", 10),
                description: field("string", 3),
                required: field("bool", 4),
                optional: field("bool", 5),
                computed: field("bool", 6),
                sensitive: field("bool", 7),
                description_kind: field("StringKind", 8),
                deprecated: field("bool", 9),
                write_only: field("bool", 11),
              },
            },
            NestedBlock: {
              fields: { type_name: field("string", 1), block: field("Block", 2), nesting: field("NestingMode", 3), min_items: field("int64", 4), max_items: field("int64", 5) },
              nested: { NestingMode: { values: { INVALID: 0, SINGLE: 1, LIST: 2, SET: 3, MAP: 4, GROUP: 5 } } },
            },
            Object: {
              fields: { attributes: field("Attribute", 1, "repeated"), nesting: field("NestingMode", 3) },
              nested: { NestingMode: { values: { INVALID: 0, SINGLE: 1, LIST: 2, SET: 3, MAP: 4 } } },
            },
          },
        },
        ServerCapabilities: { fields: { plan_destroy: field("bool", 1), get_provider_schema_optional: field("bool", 2), move_resource_state: field("bool", 3) } },
        GetProviderSchema: {
          nested: {
            Request: empty,
            Response: {
              fields: {
                provider: field("Schema", 1),
                resource_schemas: { keyType: "string", type: "Schema", id: 2 },
                data_source_schemas: { keyType: "string", type: "Schema", id: 3 },
                diagnostics: field("Diagnostic", 4, "repeated"),
                server_capabilities: field("ServerCapabilities", 6),
              },
            },
          },
        },
        ValidateProviderConfig: {
          nested: { Request: { fields: { config: field("DynamicValue", 1) } }, Response: { fields: { diagnostics: field("Diagnostic", 2, "repeated") } } },
        },
        ValidateResourceConfig: {
          nested: {
            Request: { fields: { type_name: field("string", 1), config: field("DynamicValue", 2) } },
            Response: { fields: { diagnostics: field("Diagnostic", 1, "repeated") } },
          },
        },
        ValidateDataResourceConfig: {
          nested: {
            Request: { fields: { type_name: field("string", 1), config: field("DynamicValue", 2) } },
            Response: { fields: { diagnostics: field("Diagnostic", 1, "repeated") } },
          },
        },
        StopProvider: { nested: { Request: empty, Response: { fields: { Error: field("string", 1) } } } },
      },
    },
    plugin: { nested: { Empty: empty } },
  },
};

export const root = protobuf.Root.fromJSON(descriptor);
export const type = (name) => root.lookupType(name);

const NESTING = { single: 1, list: 2, set: 3, map: 4, group: 5 };

/** A cty type as the protocol carries it: its JSON, as bytes. */
const ctyBytes = (t) => Buffer.from(JSON.stringify(t));

function attribute(name, a) {
  return {
    name,
    ...(a.nested_type
      ? { nested_type: { nesting: NESTING[a.nested_type.nesting_mode], attributes: Object.entries(a.nested_type.attributes ?? {}).map(([n, x]) => attribute(n, x)) } }
      : { type: ctyBytes(a.type) }),
    required: !!a.required,
    optional: !!a.optional,
    computed: !!a.computed,
    sensitive: !!a.sensitive,
    // A real provider's schema says so: Terraform then warns on a deprecated argument, and keeps a
    // write-only one out of plan and state.
    deprecated: !!a.deprecated,
    write_only: !!a.write_only,
  };
}

function block(b = {}) {
  return {
    deprecated: !!b.deprecated,
    attributes: Object.entries(b.attributes ?? {}).map(([n, a]) => attribute(n, a)),
    block_types: Object.entries(b.block_types ?? {}).map(([n, nb]) => ({
      type_name: n,
      nesting: NESTING[nb.nesting_mode],
      block: block(nb.block),
      min_items: nb.min_items ?? 0,
      max_items: nb.max_items ?? 0,
    })),
  };
}

const toSchema = (s) => ({ version: s.version ?? 0, block: block(s.block) });
const mapValues = (o, f) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, f(v)]));

/** The GetProviderSchema response for a schema in `providers schema -json` form, encoded. */
export function encodeProviderSchema(schema) {
  const Response = type("tfplugin6.GetProviderSchema.Response");
  const message = Response.fromObject({
    provider: toSchema(schema.provider),
    resource_schemas: mapValues(schema.resource_schemas, toSchema),
    data_source_schemas: mapValues(schema.data_source_schemas, toSchema),
    // Terraform may reuse this schema for every instance of the provider instead of asking again.
    server_capabilities: { get_provider_schema_optional: true },
  });
  return Buffer.from(Response.encode(message).finish());
}
