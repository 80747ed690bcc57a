import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudflareProvider } from "@cdktf/provider-cloudflare/lib/provider";
import type { AlbMtlsStackProps } from "../../stacks/alb-mtls-stack";
import { TfJson, only, ref, synthStack as synthJson } from "../helpers";

function synthStack(props: Partial<AlbMtlsStackProps> = {}): { text: string; json: TfJson } {
  const json = synthJson(props);
  return { text: JSON.stringify(json), json };
}

/** Resource and data-source types of the reference deployment (spec/article-modules.md), with counts. */
const REFERENCE_RESOURCES = {
  aws_iam_role: 1,
  aws_iam_role_policy_attachment: 1,
  aws_cloudwatch_log_group: 1,
  aws_lambda_function: 1,
  aws_acm_certificate: 1,
  aws_route53_record: 2, // validation records (for_each) + origin alias
  aws_acm_certificate_validation: 1,
  tls_private_key: 2,
  tls_self_signed_cert: 1,
  tls_cert_request: 1,
  tls_locally_signed_cert: 1,
  aws_s3_bucket: 1,
  aws_s3_object: 1,
  aws_lb_trust_store: 1,
  aws_security_group: 1,
  aws_lb: 1,
  aws_lb_listener: 1,
  aws_lb_target_group: 1,
  aws_lambda_permission: 1,
  aws_lb_target_group_attachment: 1,
  aws_lb_listener_rule: 1,
  cloudflare_record: 1,
  cloudflare_authenticated_origin_pulls_certificate: 1,
  cloudflare_authenticated_origin_pulls: 1,
  cloudflare_zero_trust_access_policy: 1,
  cloudflare_zero_trust_access_application: 1,
};
const REFERENCE_DATA = {
  aws_iam_policy_document: 1,
  archive_file: 1,
  aws_route53_zone: 2, // cert module + alb module
  aws_subnets: 1,
  aws_subnet: 1,
  aws_vpc: 1,
  cloudflare_zone: 2, // cloudflare_zone (by name) + cloudflare_access (by ID)
};
const counts = (blocks: Record<string, Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(blocks).map(([type, byName]) => [type, Object.keys(byName).length]));

describe("the article stack (no literals)", () => {
  const { text, json } = synthStack();

  it("has exactly the reference's resources and data sources", () => {
    expect(counts(json.resource)).toEqual(REFERENCE_RESOURCES);
    expect(counts(json.data)).toEqual(REFERENCE_DATA);
  });

  it("declares the reference's seven variables with their types, sensitivity and defaults", () => {
    expect(json.variable).toEqual({
      base_name: { type: "string", description: "Application base name", default: "example-project-mtls" },
      subnets: { type: "list(string)", description: "The name of the subnets to deploy ALB. Not the subnet IDs." },
      host_zone_name: { type: "string", description: "The name of the Route53 Hosted Zone" },
      cloudflare_api_token: { type: "string", sensitive: true },
      cloudflare_zone_name: { type: "string", description: "The name of the Cloudflare Zone" },
      cloudflare_account_id: { type: "string", description: "The ID of the Cloudflare Account", sensitive: true },
      access_allowed_email: { type: "list(string)", description: "Allowed email addresses", sensitive: true },
    });
  });

  it("configures the providers as the reference does", () => {
    expect(text).toHaveProviderWithProperties(AwsProvider, {
      region: "ap-northeast-1",
      default_tags: [{ tags: { Project: "alb-mtls-test", Terraform: "true" } }],
    });
    expect(text).toHaveProviderWithProperties(CloudflareProvider, { api_token: "${var.cloudflare_api_token}" });
    expect(json.terraform.required_version).toBe(">= 1.11.0");
    expect(json.terraform.required_providers).toEqual({
      aws: { source: "hashicorp/aws", version: "~> 5.0" },
      archive: { source: "hashicorp/archive", version: "~> 2.0" },
      tls: { source: "hashicorp/tls", version: "~> 4.0" },
      local: { source: "hashicorp/local", version: "~> 2.5" },
      cloudflare: { source: "cloudflare/cloudflare", version: "4.52.0" },
    });
  });

  it("keeps state locally at a relative path (the project root seen from the stack folder)", () => {
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.article.tfstate" } });
  });

  it("packages the reference's echo handler, with no environment", () => {
    expect(only(json, "archive_file", "data").body.source_file).toMatch(/^\$\{path\.module\}\/assets\/lambda_handler\/[0-9A-F]+\/index\.mjs$/);
    expect(only(json, "aws_lambda_function").body.environment).toBeUndefined();
  });

  it("outputs what a caller wires and the client certificate for export, the key material as sensitive", () => {
    const outputs = (json as unknown as { output: Record<string, { value: string; sensitive?: boolean }> }).output;
    expect(Object.keys(outputs).sort()).toEqual([
      "access_application_aud",
      "alb_dns_name",
      "application_url",
      "client_certificate_pem",
      "client_private_key_pem",
      "origin_domain",
      "origin_url",
      "trust_store_arn",
    ]);
    expect(outputs.application_url.value).toBe("https://alb-mtls-test.${var.cloudflare_zone_name}");
    expect(outputs.origin_url.value).toBe("https://${var.base_name}.${var.host_zone_name}");
    expect(outputs.trust_store_arn.value).toBe(ref(json, "aws_lb_trust_store", "arn"));
    expect(outputs.access_application_aud.value).toBe(ref(json, "cloudflare_zero_trust_access_application", "aud"));
    expect(outputs.client_private_key_pem).toMatchObject({ value: "${tls_private_key.client_cert_client_key.private_key_pem}", sensitive: true });
    expect(outputs.client_certificate_pem.sensitive).toBe(true);
    expect(outputs.origin_url.sensitive).toBeUndefined();
  });

  it("derives every name from base_name and the zone names like the reference's locals", () => {
    const r = json.resource;
    expect(only(json, "aws_lambda_function").body.function_name).toBe("${var.base_name}-function");
    expect(only(json, "aws_lb").body.name).toBe("${var.base_name}-alb");
    expect(only(json, "aws_acm_certificate").body.domain_name).toBe("${var.base_name}.${var.host_zone_name}");
    expect(only(json, "aws_lb_trust_store").body.name).toBe("${var.base_name}-mtls");
    expect(only(json, "aws_s3_bucket").body.bucket).toBe("${var.base_name}-mtls-bucket");
    expect(only(json, "cloudflare_record").body.name).toBe("alb-mtls-test.${var.cloudflare_zone_name}");
    expect(r.aws_route53_record.alb_origin_record.name).toBe("${var.base_name}.${var.host_zone_name}");
    expect(only(json, "aws_subnets", "data").body.filter[0].values).toBe("${var.subnets}");
    expect(only(json, "cloudflare_zero_trust_access_application").body.name).toBe("alb-mtls-test");
    expect(only(json, "cloudflare_zero_trust_access_policy").body.include).toEqual([
      { email: "${var.access_allowed_email}", email_domain: [] },
    ]);
    expect(only(json, "aws_lb_listener_rule").body).toMatchObject({ priority: 100, condition: [{ path_pattern: { values: ["/*"] } }] });
  });

  it("wires the modules together as the reference root module does", () => {
    const listener = only(json, "aws_lb_listener").body;
    expect(listener.certificate_arn).toBe(ref(json, "aws_acm_certificate", "arn"));
    expect(listener.mutual_authentication.trust_store_arn).toBe(ref(json, "aws_lb_trust_store", "arn"));
    expect(only(json, "aws_lb_listener_rule").body.listener_arn).toBe(ref(json, "aws_lb_listener", "arn"));
    expect(only(json, "aws_lambda_permission").body.function_name).toBe(ref(json, "aws_lambda_function", "function_name"));
    expect(only(json, "aws_lb_target_group_attachment").body.target_id).toBe(ref(json, "aws_lambda_function", "arn"));
    expect(only(json, "cloudflare_authenticated_origin_pulls_certificate").body).toMatchObject({
      certificate: ref(json, "tls_locally_signed_cert", "cert_pem"),
      private_key: "${tls_private_key.client_cert_client_key.private_key_pem}",
    });
    expect(only(json, "cloudflare_record").body.content).toBe("${var.base_name}.${var.host_zone_name}");
    expect(json.data.cloudflare_zone.cloudflare_access_zone.zone_id).toBe("${data.cloudflare_zone.cloudflare_zone_zone.id}");
    expect(only(json, "cloudflare_authenticated_origin_pulls").body.hostname).toBe("alb-mtls-test.${var.cloudflare_zone_name}");
  });
});

describe("a stack with literal inputs", () => {
  const { json } = synthStack({
    baseName: "prod-app",
    subnets: ["public-a", "public-c"],
    hostZoneName: "aws.example.com",
    cloudflareZoneName: "example.com",
    cloudflareAccountId: "0123456789abcdef0123456789abcdef",
    accessAllowedEmail: ["alice@example.com"],
    region: "us-east-1",
  });

  it("declares only the API token as a variable", () => {
    expect(Object.keys(json.variable ?? {})).toEqual(["cloudflare_api_token"]);
  });

  it("uses the literals in names, lookups and the provider region", () => {
    expect(only(json, "aws_lb").body.name).toBe("prod-app-alb");
    expect(only(json, "aws_acm_certificate").body.domain_name).toBe("prod-app.aws.example.com");
    expect(only(json, "aws_subnets", "data").body.filter[0].values).toEqual(["public-a", "public-c"]);
    expect(json.data.cloudflare_zone.cloudflare_zone_zone.name).toBe("example.com");
    expect(only(json, "cloudflare_record").body.name).toBe("alb-mtls-test.example.com");
    expect(only(json, "cloudflare_zero_trust_access_policy").body.include[0].email).toEqual(["alice@example.com"]);
    expect(json.provider?.aws[0].region).toBe("us-east-1");
    expect(json.terraform.backend.local.path).toBe("../../../terraform.article.tfstate");
  });
});
