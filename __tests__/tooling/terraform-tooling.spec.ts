/**
 * The pieces of the Terraform stage (scripts/terraform) that decide what Terraform is given: the
 * schema read from a prebuilt binding, what the stand-in sends over the plugin protocol, which
 * provider versions fit a constraint, and the test file of a stack. The stage itself
 * (`npm run terraform:check`) runs Terraform on every stack; these run without it.
 */
import { join } from "node:path";
import { bindingSchema } from "../../scripts/terraform/binding-schema.mjs";
import { encodeProviderSchema, type } from "../../scripts/terraform/plugin-protocol.mjs";
import { requiredProviders, satisfies } from "../../scripts/terraform/provider-mirror.mjs";
import { testFile } from "../../scripts/terraform/test-file.mjs";

const binding = (name: string) => join(__dirname, "..", "..", "node_modules", "@cdktf", `provider-${name}`);

describe("version constraints", () => {
  test.each([
    ["5.100.0", "~> 5.0", true],
    ["6.0.0", "~> 5.0", false],
    ["4.52.0", "4.52.0", true],
    ["4.52.1", "4.52.0", false],
    ["5.14.3", "~> 5.14", true],
    ["6.1.0", "~> 5.14", false],
    ["2.5.0", "~> 2.5.0", true],
    ["2.6.0", "~> 2.5.0", false],
    ["1.5.0", ">= 1.2, < 2", true],
    ["2.0.0", ">= 1.2, < 2", false],
  ])("%s against %s: %s", (version, constraint, fits) => {
    expect(satisfies(version, constraint)).toBe(fits);
  });

  test("a constraint it cannot read is an error, not a pass", () => {
    expect(() => satisfies("1.0.0", "~> latest")).toThrow('unsupported version constraint "~> latest"');
  });

  test("required providers are keyed by full source; a bare name is hashicorp's", () => {
    const wanted = requiredProviders([
      { terraform: { required_providers: { cloudflare: { source: "cloudflare/cloudflare", version: "4.52.0" }, tls: { source: "tls", version: "~> 4.0" } } } },
      { terraform: { required_providers: { cloudflare: { source: "registry.terraform.io/cloudflare/cloudflare", version: "~> 5.14" } } } },
    ]);
    expect([...wanted.get("cloudflare/cloudflare")!]).toEqual(["4.52.0", "~> 5.14"]);
    expect([...wanted.get("hashicorp/tls")!]).toEqual(["~> 4.0"]);
  });
});

describe("schema read from a prebuilt binding", () => {
  const cloudflare = bindingSchema(binding("cloudflare"), ["cloudflare_record", "cloudflare_ip_ranges", "cloudflare_zero_trust_access_application"]);
  const tls = bindingSchema(binding("tls"), ["tls_self_signed_cert"]);

  test("says which provider and version it is for", () => {
    expect(cloudflare).toMatchObject({ source: "registry.terraform.io/cloudflare/cloudflare", version: "4.52.0" });
  });

  test("arguments: required, optional, computed-only, with their types", () => {
    const record = cloudflare.resource_schemas.cloudflare_record.block;
    expect(record.attributes!.name).toEqual({ type: "string", required: true });
    expect(record.attributes!.proxied).toEqual({ type: "bool", optional: true });
    expect(record.attributes!.tags).toEqual({ type: ["set", "string"], optional: true });
    expect(record.attributes!.hostname).toEqual({ type: "string", computed: true });
    expect(record.attributes!.id).toEqual({ type: "string", optional: true, computed: true });
  });

  test("blocks and their nesting, apart from attributes", () => {
    const record = cloudflare.resource_schemas.cloudflare_record.block;
    expect(record.block_types!.data.nesting_mode).toBe("list");
    expect(record.attributes!.data).toBeUndefined();
    const cert = tls.resource_schemas.tls_self_signed_cert.block;
    expect(cert.block_types!.subject.block.attributes!.common_name).toEqual({ type: "string", optional: true });
    expect(cert.attributes!.allowed_uses).toEqual({ type: ["list", "string"], required: true });
  });

  test("only the types asked for, data sources apart from resources", () => {
    expect(Object.keys(cloudflare.resource_schemas).sort()).toEqual(["cloudflare_record", "cloudflare_zero_trust_access_application"]);
    expect(cloudflare.data_source_schemas.cloudflare_ip_ranges.block.attributes!.ipv4_cidr_blocks).toEqual({ type: ["list", "string"], computed: true });
    expect(cloudflare.resource_schemas.cloudflare_zero_trust_access_application.block.attributes!.aud).toEqual({ type: "string", computed: true });
  });

  test("a plugin-framework provider's nested attributes are attributes, not blocks (Cloudflare 5.14)", () => {
    const v5 = bindingSchema(binding("cloudflare-v5"), ["cloudflare_zero_trust_access_policy", "cloudflare_dns_record"]);
    const policy = v5.resource_schemas.cloudflare_zero_trust_access_policy.block;
    expect(policy.block_types).toBeUndefined();
    expect(policy.attributes!.include).toMatchObject({ nested_type: { nesting_mode: "set" } });
    expect(policy.attributes!.include.nested_type!.attributes.email).toMatchObject({ nested_type: { nesting_mode: "single", attributes: { email: { type: "string", required: true } } } });
    expect(v5.resource_schemas.cloudflare_dns_record.block.attributes!.data).toMatchObject({ nested_type: { nesting_mode: "single" }, optional: true });
  });

  test("a data source's arguments are read back (optional and computed)", () => {
    const aws = bindingSchema(binding("aws"), ["aws_region"]);
    expect(aws.data_source_schemas.aws_region.block.attributes!.name).toEqual({ type: "string", optional: true, computed: true });
  });

  test("a data source's nested blocks that only the provider fills are blocks, as the real provider has them (AWS 5.100)", () => {
    const rule = bindingSchema(binding("aws-v5"), ["aws_lb_listener_rule"]).data_source_schemas.aws_lb_listener_rule.block;
    const action = rule.block_types!.action;
    expect(action.block.attributes!.authenticate_cognito).toBeUndefined();
    expect(action.block.block_types!.authenticate_cognito).toMatchObject({ nesting_mode: "single", block: { attributes: { scope: { type: "string", computed: true } } } });
    expect(action.block.block_types!.forward.block.block_types!.stickiness).toMatchObject({ nesting_mode: "single", block: { attributes: { enabled: { type: "bool", computed: true } } } });
    expect(rule.block_types!.condition.block.block_types!.host_header).toMatchObject({ nesting_mode: "single" });
  });

  test("collections of collections keep their element type (a list of maps of strings)", () => {
    const analyzer = bindingSchema(binding("aws-v5"), ["aws_accessanalyzer_analyzer"]).resource_schemas.aws_accessanalyzer_analyzer.block;
    const exclusion = analyzer.block_types!.configuration.block.block_types!.unused_access.block.block_types!.analysis_rule.block.block_types!.exclusion.block;
    expect(exclusion.attributes!.resource_tags).toEqual({ type: ["list", ["map", "string"]], optional: true });
  });

  test("an optional argument the generator's comment calls computed is computed (Cloudflare 5.14's DNS record settings)", () => {
    const record = bindingSchema(binding("cloudflare-v5"), ["cloudflare_dns_record"]).resource_schemas.cloudflare_dns_record.block;
    expect(record.attributes!.settings).toMatchObject({ optional: true, computed: true, nested_type: { nesting_mode: "single" } });
    expect(record.attributes!.comment).toEqual({ type: "string", optional: true });
  });

  test("both generated styles: cdktf's bindings and CDK Terrain's (cdktn) read to the same schema", () => {
    // __tests__/fixtures/bindings/cdktn-provider-archive: an excerpt of @cdktn/provider-archive 14.0.1,
    // trimmed by hand (`static tfResourceType`, `cdktn.` base classes, fields as class fields).
    const cdktn = bindingSchema(join(__dirname, "..", "fixtures", "bindings", "cdktn-provider-archive"), ["archive_file"]);
    const cdktf = bindingSchema(binding("archive"), ["archive_file"]);
    expect(cdktn).toMatchObject({ source: "registry.terraform.io/hashicorp/archive", version: "2.8.1", binding: "@cdktn/provider-archive@14.0.1" });
    const fork = cdktn.data_source_schemas.archive_file.block;
    const upstream = cdktf.data_source_schemas.archive_file.block;
    expect(Object.keys(fork.attributes!).sort()).toEqual(["excludes", "id", "output_md5", "output_path"]);
    for (const name of Object.keys(fork.attributes!)) expect({ name, ...fork.attributes![name] }).toEqual({ name, ...upstream.attributes![name] });
    expect(fork.block_types).toEqual({ source: upstream.block_types!.source });
    expect(fork.block_types!.source).toEqual({ nesting_mode: "set", block: { attributes: { content: { type: "string", required: true }, filename: { type: "string", required: true } } } });
    expect(cdktn.resource_schemas).toEqual({});
  });

  test("the provider block, without the alias meta-argument", () => {
    expect(cloudflare.provider.block.attributes!.api_token).toEqual({ type: "string", optional: true });
    expect(cloudflare.provider.block.attributes!.alias).toBeUndefined();
  });
});

describe("what the stand-in sends", () => {
  test("GetProviderSchema: cty types as JSON bytes, nested attributes and blocks with their nesting", () => {
    const bytes = encodeProviderSchema({
      provider: { block: { attributes: { token: { type: "string", optional: true, sensitive: true } } } },
      resource_schemas: {
        x_thing: {
          block: {
            attributes: {
              tags: { type: ["map", "string"], optional: true },
              policies: { nested_type: { nesting_mode: "list", attributes: { id: { type: "string", required: true } } }, optional: true },
            },
            block_types: { rule: { nesting_mode: "set", min_items: 1, block: { attributes: { name: { type: "string", required: true } } } } },
          },
        },
      },
      data_source_schemas: {},
    });
    const decoded: any = type("tfplugin6.GetProviderSchema.Response").toObject(type("tfplugin6.GetProviderSchema.Response").decode(bytes), { enums: String, bytes: String });
    const attr = (block: any, name: string) => block.attributes!.find((a: any) => a.name === name);
    const thing = decoded.resource_schemas.x_thing.block;
    expect(Buffer.from(attr(thing, "tags").type, "base64").toString()).toBe('["map","string"]');
    expect(attr(thing, "policies").nested_type).toMatchObject({ nesting: "LIST", attributes: [{ name: "id", required: true }] });
    expect(thing.block_types[0]).toMatchObject({ type_name: "rule", nesting: "SET", min_items: expect.anything() });
    expect(attr(decoded.provider.block, "token")).toMatchObject({ optional: true, sensitive: true });
    expect(decoded.server_capabilities.get_provider_schema_optional).toBe(true);
  });
});

describe("a stack's test file", () => {
  const config = {
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "~> 5.0" }, cloudflare: { source: "cloudflare/cloudflare", version: "4.52.0" } } },
    provider: { aws: [{ region: "ap-northeast-1" }, { alias: "us_east_1", region: "us-east-1" }] },
    variable: { zone: {}, base_name: { default: "x" } },
    resource: { aws_acm_certificate: { cert: { domain_name: "alb.example.com", validation_method: "DNS" } } },
  };

  test("mocks every provider and alias, gives the variables without a default, plans and applies", () => {
    const file = testFile(config, { zone: "example.com" }, () => ({ attributes: { status: { type: "string", computed: true }, domain_name: { type: "string", required: true } } }));
    expect(file).toMatch(/^mock_provider "aws" \{/m);
    expect(file).toMatch(/^mock_provider "cloudflare" \{\}/m);
    expect(file).toMatch(/mock_provider "aws" \{\n {2}alias = "us_east_1"\n\}/);
    expect(file).toContain('  zone = "example.com"');
    expect(file).not.toContain("base_name");
    expect(file).toMatch(/run "plan" \{\n {2}command = plan\n\}/);
    expect(file).toMatch(/run "apply" \{\n {2}command = apply\n\}/);
  });

  test("the certificate's validation options are known at plan, and its other computed values fixed", () => {
    const file = testFile(config, { zone: "example.com" }, () => ({ attributes: { status: { type: "string", computed: true } } }));
    expect(file).toContain("target          = aws_acm_certificate.cert\n  override_during = plan");
    expect(file).toContain('"domain_name":"alb.example.com"');
    expect(file).toContain('status = "mock-status"');
  });

  test("a variable with no example value stops with what to add where", () => {
    expect(() => testFile(config, {}, () => undefined)).toThrow("no example value for variable zone: add it to EXAMPLE_VARIABLES in scripts/terraform/variants.mjs");
  });
});
