import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { currentTrackGate } from "../../examples/typescript/current-track";
import { AlbMtlsStack, type AlbMtlsStackProps } from "../../stacks/alb-mtls-stack";
import { ConfigError, parseStacks } from "../../stacks/config";
import { HANDLERS, synthStack } from "../helpers";

const current = (props: Partial<AlbMtlsStackProps> = {}): Record<string, any> => synthStack({ providers: "current", ...props });
const names = (json: Record<string, any>, kind: "resource" | "data" = "resource") =>
  Object.entries(json[kind] as Record<string, Record<string, unknown>>)
    .filter(([type]) => type.startsWith("cloudflare_"))
    .flatMap(([, byName]) => Object.keys(byName))
    .sort();
const body = (json: Record<string, any>, type: string, name: string) => {
  const block = json.resource[type]?.[name];
  if (!block) throw new Error(`no ${type}.${name}; have ${Object.keys(json.resource[type] ?? {}).join(", ")}`);
  return block;
};
const ORIGIN = "${var.base_name}.${var.host_zone_name}";
const HOST = "alb-mtls-test.${var.cloudflare_zone_name}";
const ZONE = "${data.cloudflare_zone.cloudflare_zone_zone.id}";

function problems(entry: Record<string, unknown>): string[] {
  try {
    parseStacks({ s: entry }, join(__dirname, "..", ".."));
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}
const stackError = (props: Partial<AlbMtlsStackProps>) => () =>
  new AlbMtlsStack(Testing.app({ fakeCdktfJsonPath: true }), "s", { handlers: HANDLERS, ...props });

describe("provider pins per track", () => {
  it("reference (the default) keeps the reference's required_providers", () => {
    expect(synthStack().terraform.required_providers).toEqual({
      aws: { source: "hashicorp/aws", version: "~> 5.0" },
      archive: { source: "hashicorp/archive", version: "~> 2.0" },
      tls: { source: "hashicorp/tls", version: "~> 4.0" },
      local: { source: "hashicorp/local", version: "~> 2.5" },
      cloudflare: { source: "cloudflare/cloudflare", version: "4.52.0" },
    });
  });

  it("current pins AWS 6 and Cloudflare 5.14.x, and no local provider (it writes no file)", () => {
    expect(current().terraform.required_providers).toEqual({
      aws: { source: "hashicorp/aws", version: "~> 6.0" },
      archive: { source: "hashicorp/archive", version: "~> 2.0" },
      tls: { source: "hashicorp/tls", version: "~> 4.0" },
      cloudflare: { source: "cloudflare/cloudflare", version: "~> 5.14.0" },
    });
  });

  it("aws-current pins AWS 6 and keeps Cloudflare 4.52.0 with the v4 resources", () => {
    const json = synthStack({ providers: "aws-current" });
    expect(json.terraform.required_providers.aws.version).toBe("~> 6.0");
    expect(json.terraform.required_providers.cloudflare.version).toBe("4.52.0");
    expect(Object.keys(json.resource)).toContain("cloudflare_record");
    expect(Object.keys(json.resource)).not.toContain("cloudflare_dns_record");
  });
});

describe('providers "current": the Cloudflare v5 resources', () => {
  const json = current();

  it("keeps the reference track's Terraform names for every Cloudflare resource and data source", () => {
    const reference = synthStack();
    const certificate = "cloudflare_zone_origin_pulls_certificate"; // uploaded outside Terraform on 5.14
    expect(names(json)).toEqual(names(reference).filter((n) => n !== certificate));
    expect(names(json, "data")).toEqual(names(reference, "data"));
    expect(json.resource.cloudflare_record).toBeUndefined();
    expect(json.resource.cloudflare_authenticated_origin_pulls_certificate).toBeUndefined();
  });

  it("a proxied cloudflare_dns_record from the application hostname to the origin, TTL automatic", () => {
    expect(body(json, "cloudflare_dns_record", "cloudflare_zone_record")).toMatchObject({
      zone_id: ZONE,
      name: HOST,
      type: "CNAME",
      content: ORIGIN,
      proxied: true,
      ttl: 1,
    });
    expect(json.data.cloudflare_zone.cloudflare_zone_zone).toMatchObject({ filter: { name: "${var.cloudflare_zone_name}" } });
  });

  it("per-hostname origin pulls with the certificate given by ID (the variable when Terraform generated it)", () => {
    expect(body(json, "cloudflare_authenticated_origin_pulls", "cloudflare_zone_origin_pulls")).toMatchObject({
      zone_id: ZONE,
      hostname: HOST,
      config: [{ hostname: HOST, cert_id: "${var.origin_pull_certificate_id}", enabled: true }],
    });
    expect(json.variable.origin_pull_certificate_id).toMatchObject({ type: "string" });
    // The CA and client certificate are still Terraform's: the trust store and the outputs do not change.
    expect(json.resource.tls_locally_signed_cert).toBeDefined();
    expect(json.output.client_certificate_pem).toBeDefined();
  });

  it("an account-level allow policy referenced from the application's policies list", () => {
    const policy = body(json, "cloudflare_zero_trust_access_policy", "cloudflare_access_allow");
    expect(policy).toMatchObject({
      account_id: "${data.cloudflare_zone.cloudflare_access_zone.account.id}",
      name: "Allow Policy for alb-mtls-test",
      decision: "allow",
      lifecycle: { create_before_destroy: true },
    });
    // The e-mails are a variable: one { email = { email = … } } rule per element.
    expect(policy.include).toBe("${[ for key, val in toset(var.access_allowed_email): { email = { email = val } }]}");
    expect(body(json, "cloudflare_zero_trust_access_application", "cloudflare_access_application")).toEqual(
      expect.objectContaining({
        zone_id: ZONE,
        name: "alb-mtls-test",
        type: "self_hosted",
        domain: HOST,
        destinations: [{ type: "public", uri: HOST }],
        session_duration: "72h",
        policies: [{ id: "${cloudflare_zero_trust_access_policy.cloudflare_access_allow.id}", precedence: 1 }],
      }),
    );
  });

  it("literal e-mails and domains become one include rule each", () => {
    const literal = current({ accessAllowedEmail: ["alice@example.com"], accessAllowedEmailDomains: ["example.org"], accessSessionDuration: "8h" });
    expect(body(literal, "cloudflare_zero_trust_access_policy", "cloudflare_access_allow").include).toEqual([
      { email: { email: "alice@example.com" } },
      { email_domain: { domain: "example.org" } },
    ]);
    expect(body(literal, "cloudflare_zero_trust_access_application", "cloudflare_access_application").session_duration).toBe("8h");
  });

  it("the Cloudflare provider is the v5 one, with the API token variable", () => {
    expect(json.provider.cloudflare).toEqual([{ api_token: "${var.cloudflare_api_token}" }]);
  });
});

describe('providers "current": every option still works', () => {
  it("accessJwt: the guard checks the AUD of the v5 application", () => {
    const json = current({ accessJwt: { teamDomain: "team.cloudflareaccess.com" } });
    const env = body(json, "aws_lambda_function", "lambda_function").environment.variables;
    expect(env.ACCESS_AUD).toBe("${cloudflare_zero_trust_access_application.cloudflare_access_application.aud}");
    expect(json.output.access_application_aud.value).toBe("${cloudflare_zero_trust_access_application.cloudflare_access_application.aud}");
  });

  it("originLockdown: ingress from the v5 data source's ipv4_cidrs and ipv6_cidrs", () => {
    const json = current({ originLockdown: true });
    expect(json.data.cloudflare_ip_ranges.cloudflare_ip_ranges).toBeDefined();
    expect(body(json, "aws_security_group", "alb_security_group").ingress[0]).toMatchObject({
      cidr_blocks: "${data.cloudflare_ip_ranges.cloudflare_ip_ranges.ipv4_cidrs}",
      ipv6_cidr_blocks: "${data.cloudflare_ip_ranges.cloudflare_ip_ranges.ipv6_cidrs}",
    });
  });

  it("bring-your-own certificates: the uploaded certificate's ID is used literally", () => {
    const json = current({ certificates: { caBundleFile: "examples/certs/ca-bundle.pem", originPullCertificateId: "4b8ea3b5-cert" } });
    expect(body(json, "cloudflare_authenticated_origin_pulls", "cloudflare_zone_origin_pulls").config[0].cert_id).toBe("4b8ea3b5-cert");
    expect(json.variable.origin_pull_certificate_id).toBeUndefined();
    expect(json.resource.tls_private_key).toBeUndefined();
  });

  it("AWS 6 listener rules: pass-through sets only the mode, off writes no mutual_authentication block", () => {
    const listener = (json: Record<string, any>) => body(json, "aws_lb_listener", "alb_https");
    expect(listener(current({ mtls: { mode: "passthrough" } })).mutual_authentication).toEqual({ mode: "passthrough" });
    expect(listener(current({ mtls: { mode: "off" } })).mutual_authentication).toBeUndefined();
    expect(listener(synthStack({ mtls: { mode: "off" } })).mutual_authentication).toEqual({ mode: "off" });
    expect(listener(current()).mutual_authentication).toEqual({ mode: "verify", trust_store_arn: "${aws_lb_trust_store.client_cert_trust_store.arn}" });
  });

  it("applications: each gets its v5 record, origin-pull setting, policy and application, and the gate its AUD", () => {
    const json = current({
      baseName: "cur",
      applications: {
        hello: { lambda: { entry: "examples/apps/hello/index.ts" } },
        wiki: { http: { targetType: "ip", port: 8080, targets: ["10.0.1.10"] }, accessAllowedEmailDomains: ["example.com"] },
      },
      accessJwt: { teamDomain: "team.cloudflareaccess.com" },
    });
    for (const app of ["hello", "wiki"]) {
      const host = `${app}.\${var.cloudflare_zone_name}`;
      expect(body(json, "cloudflare_dns_record", `app_${app}_dns_record`)).toMatchObject({ name: host, content: "cur.${var.host_zone_name}", proxied: true, ttl: 1 });
      expect(body(json, "cloudflare_authenticated_origin_pulls", `app_${app}_dns_origin_pulls`).config).toEqual([
        { hostname: host, cert_id: "${var.origin_pull_certificate_id}", enabled: true },
      ]);
      expect(body(json, "cloudflare_zero_trust_access_application", `app_${app}_access_application`).policies).toEqual([
        { id: `\${cloudflare_zero_trust_access_policy.app_${app}_access_allow.id}`, precedence: 1 },
      ]);
    }
    expect(body(json, "cloudflare_zero_trust_access_policy", "app_wiki_access_allow").include).toBe(
      '${concat([ for key, val in toset(var.access_allowed_email): { email = { email = val } }], [ for key, val in toset(["example.com"]): { email_domain = { domain = val } }])}',
    );
    expect(body(json, "aws_lambda_function", "app_hello_lambda_function").environment.variables.ACCESS_AUD).toBe(
      "${cloudflare_zero_trust_access_application.app_hello_access_application.aud}",
    );
  });
});

describe("the AWS side does not depend on the Cloudflare provider", () => {
  it("hardened (every option) on current: the same AWS resources, outputs and variables as on reference (but cloudflare_account_id)", () => {
    const { hardened } = JSON.parse(readFileSync(join(__dirname, "../../cdktf.json"), "utf8")).context.stacks;
    const config = parseStacks({ hardened }, join(__dirname, "..", ".."));
    const reference: Record<string, any> = synthStack(config.hardened, "hardened");
    const cur: Record<string, any> = synthStack({ ...config.hardened, providers: "current" }, "hardened");
    const aws = (j: Record<string, any>) =>
      JSON.stringify(Object.fromEntries(Object.entries(j.resource).filter(([t]) => t.startsWith("aws_"))))
        // The v5 ip-ranges data source names its lists ipv4_cidrs / ipv6_cidrs.
        .replace(/ipv4_cidr_blocks\}/g, "ipv4_cidrs}")
        .replace(/ipv6_cidr_blocks\}/g, "ipv6_cidrs}");
    expect(aws(cur)).toBe(aws(reference));
    expect(Object.keys(cur.output)).toEqual(Object.keys(reference.output));
    expect(Object.keys(cur.variable)).toEqual(Object.keys(reference.variable).filter((v) => v !== "cloudflare_account_id"));
  });
});

describe("what a track cannot honour is refused, naming the option", () => {
  it("Terraform-uploaded certificate files on current: 5.14 has no per-hostname upload", () => {
    const certificates = { caBundleFile: "examples/certs/ca-bundle.pem", originPullCertificateFile: "examples/certs/ca-bundle.pem" };
    const config = problems({ providers: "current", certificates });
    expect(config).toContainEqual(expect.stringMatching(/^stacks\.s\.certificates\.originPullCertificateFile: cannot be used with providers "current": the Cloudflare provider 5\.14 .*cannot upload a per-hostname origin-pull certificate.*originPullCertificateId/));
    // The same message in TypeScript, with the prop path (the stack runs the same checks).
    expect(stackError({ providers: "current", certificates })).toThrow(/\bcertificates\.originPullCertificateFile: cannot be used with providers "current": the Cloudflare provider 5\.14/);
    // The same files are fine on the reference track (4.52.0 uploads them).
    expect(problems({ certificates: { caBundleFile: "examples/certs/ca-bundle.pem" } })).toEqual([]);
  });

  it("adoptReference on current, each switch step off its track, an unknown track", () => {
    expect(problems({ providers: "current", adoptReference: true })).toEqual([
      expect.stringMatching(/^stacks\.s\.adoptReference: cannot be used with providers "current": .*Adopt it on providers "reference" first/),
    ]);
    expect(problems({ switchFromReferenceTrack: "import" })).toEqual([
      'stacks.s.switchFromReferenceTrack: "import" applies to providers "current" (the last step of the move from "reference"); providers is "reference"',
    ]);
    expect(problems({ providers: "current", switchFromReferenceTrack: "forget" })).toEqual([
      'stacks.s.switchFromReferenceTrack: "forget" runs on the Cloudflare provider 4.52.0, the only one that can read the v4 entries: use it with providers "aws-current" (or "reference"), then switch to "current" with "import"',
    ]);
    expect(problems({ switchFromReferenceTrack: true })).toEqual(['stacks.s.switchFromReferenceTrack: expected one of "forget", "import", got the boolean true']);
    expect(problems({ providers: "v5" })).toEqual(['stacks.s.providers: expected one of "reference", "aws-current", "current", got the string "v5"']);
    expect(stackError({ providers: "v5" as "current" })).toThrow('s: providers: expected one of "reference", "aws-current", "current", got the string "v5"');
    expect(stackError({ providers: "aws-current", switchFromReferenceTrack: "import" })).toThrow(/^s: switchFromReferenceTrack: "import" applies to providers "current"/);
  });
});

describe('switchFromReferenceTrack "forget": removed blocks while Cloudflare 4.52.0 can read the entries', () => {
  const accessJwt = { teamDomain: "team.cloudflareaccess.com" };
  const before = synthStack({ providers: "aws-current", accessJwt });
  const json = synthStack({ providers: "aws-current", accessJwt, switchFromReferenceTrack: "forget" });
  const cloudflare = (j: Record<string, any>) => Object.keys(j.resource).filter((t) => t.startsWith("cloudflare_"));

  it("forgets every Cloudflare resource, destroying none, and declares none", () => {
    const addresses = cloudflare(before).flatMap((type) => Object.keys(before.resource[type]).map((name) => `${type}.${name}`));
    expect(addresses).toHaveLength(5);
    expect(json.removed).toEqual(expect.arrayContaining(addresses.map((from) => ({ from, lifecycle: { destroy: false } }))));
    expect(json.removed).toHaveLength(5);
    expect(cloudflare(json)).toEqual([]);
  });

  it("leaves everything else as it was: the AUD comes from a lookup of the same application", () => {
    const lookup = "${data.cloudflare_zero_trust_access_application.cloudflare_access_existing.aud}";
    expect(json.data.cloudflare_zero_trust_access_application.cloudflare_access_existing).toMatchObject({
      zone_id: "${data.cloudflare_zone.cloudflare_access_zone.zone_id}",
      domain: HOST,
    });
    expect(body(json, "aws_lambda_function", "lambda_function").environment.variables.ACCESS_AUD).toBe(lookup);
    expect(json.output.access_application_aud.value).toBe(lookup);
    const aws = (j: Record<string, any>) => JSON.stringify(Object.fromEntries(Object.entries(j.resource).filter(([t]) => !t.startsWith("cloudflare_"))));
    expect(aws(json)).toBe(aws(before).split("${cloudflare_zero_trust_access_application.cloudflare_access_application.aud}").join(lookup));
  });

  it("with applications, each application's AUD", () => {
    const apps = synthStack({ providers: "aws-current", switchFromReferenceTrack: "forget", baseName: "x", accessJwt, applications: { hello: { lambda: { entry: "examples/apps/hello/index.ts" } } } });
    expect(body(apps, "aws_lambda_function", "app_hello_lambda_function").environment.variables.ACCESS_AUD).toBe(
      "${data.cloudflare_zero_trust_access_application.app_hello_access_existing.aud}",
    );
    expect(apps.output.applications.value.hello.access_application_aud).toBe("${data.cloudflare_zero_trust_access_application.app_hello_access_existing.aud}");
    expect(apps.removed.map((r: { from: string }) => r.from)).toContain("cloudflare_authenticated_origin_pulls.app_hello_dns_origin_pulls");
  });
});

describe('switchFromReferenceTrack "import": import blocks for what a reference stack made', () => {
  it("imports the record, policy and application at their v4 names' IDs; origin pulls are written again", () => {
    const json = current({ switchFromReferenceTrack: "import" });
    const id = (v4: string) => `\${var.reference_track_import_ids["${v4}"]}`;
    expect(json.import).toEqual([
      { to: "cloudflare_dns_record.cloudflare_zone_record", id: id("cloudflare_record.cloudflare_zone_record") },
      { to: "cloudflare_zero_trust_access_policy.cloudflare_access_allow", id: id("cloudflare_zero_trust_access_policy.cloudflare_access_allow") },
      { to: "cloudflare_zero_trust_access_application.cloudflare_access_application", id: id("cloudflare_zero_trust_access_application.cloudflare_access_application") },
    ]);
    const variable = json.variable.reference_track_import_ids;
    expect(variable.type).toBe("map(string)");
    expect(variable.validation[0].error_message).toBe(
      "Invalid reference_track_import_ids: it needs an import ID for each of cloudflare_record.cloudflare_zone_record, cloudflare_zero_trust_access_policy.cloudflare_access_allow, cloudflare_zero_trust_access_application.cloudflare_access_application.",
    );
    expect(current().import).toBeUndefined();
  });

  it("with applications, one set per application", () => {
    const json = current({ switchFromReferenceTrack: "import", applications: { a: { lambdaArn: "arn:aws:lambda:ap-northeast-1:123456789012:function:a" } } });
    expect(json.import.map((i: { to: string }) => i.to)).toEqual([
      "cloudflare_dns_record.app_a_dns_record",
      "cloudflare_zero_trust_access_policy.app_a_access_allow",
      "cloudflare_zero_trust_access_application.app_a_access_application",
    ]);
  });
});

describe("the shipped apps-current stack", () => {
  const stacks = JSON.parse(readFileSync(join(__dirname, "../../cdktf.json"), "utf8")).context.stacks;

  it("is apps on the current track: same applications and options, its own names", () => {
    const { providers, baseName, ...rest } = stacks["apps-current"];
    const { baseName: appsBase, ...apps } = stacks.apps;
    expect(providers).toBe("current");
    expect(baseName).not.toBe(appsBase);
    expect(rest).toEqual(apps);
    expect(stacks.article.providers).toBeUndefined();
  });
});

describe("docs/provider-tracks.md", () => {
  const doc = readFileSync(join(__dirname, "../../docs/provider-tracks.md"), "utf8");

  it("shows the TypeScript example as it is compiled and synthesized here", () => {
    const snippets = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    // The doc shows it as a file of a team's own folder (myapp/), one level up from examples/typescript/.
    const example = readFileSync(join(__dirname, "../../examples/typescript/current-track.ts"), "utf8").replaceAll('from "../../', 'from "../');
    expect(snippets).toEqual([example]);
    const json = JSON.parse(Testing.synth(currentTrackGate(Testing.app({ fakeCdktfJsonPath: true }), "5f1c3ad0-cert")));
    expect(json.resource.cloudflare_authenticated_origin_pulls.cloudflare_zone_origin_pulls.config[0].cert_id).toBe("5f1c3ad0-cert");
    expect(json.resource.cloudflare_dns_record.cloudflare_zone_record.proxied).toBe(true);
    expect(json.terraform.required_providers.cloudflare.version).toBe("~> 5.14.0");
  });

  it("quotes the refusal as the configuration check words it", () => {
    const all = problems({ providers: "current", certificates: { caBundleFile: "examples/certs/ca-bundle.pem", originPullCertificateFile: "examples/certs/ca-bundle.pem" } });
    const quoted = /`(stacks\.<name>\.certificates\.originPullCertificateFile: [^`]*?)…`/.exec(doc)![1];
    expect(all.map((m) => m.replace("stacks.s.", "stacks.<name>.")).filter((m) => m.startsWith(quoted))).toHaveLength(1);
  });
});

describe("logsKmsKey's key policy reads the region as each AWS major names it", () => {
  const regionReads = (json: Record<string, any>) => [...JSON.stringify(json.data.aws_iam_policy_document).matchAll(/data\.aws_region\.logs_kms_key_region\.(\w+)/g)].map((m) => m[1]);

  it('AWS 6 tracks ("aws-current", "current"): `region` (AWS 6 deprecates `name`)', () => {
    expect(regionReads(synthStack({ providers: "aws-current", logsKmsKey: true }))).toEqual(["region", "region"]);
    expect(regionReads(current({ logsKmsKey: true }))).toEqual(["region", "region"]);
  });

  it('"reference" (AWS 5, which has only `name`): `name`, as before', () => {
    expect(regionReads(synthStack({ logsKmsKey: true }))).toEqual(["name", "name"]);
  });
});

describe("the variable cloudflare_account_id (declared by the reference, read by nothing)", () => {
  it('is declared on the Cloudflare 4 tracks, so tfvars written for the reference still plan', () => {
    expect(synthStack().variable!.cloudflare_account_id).toEqual({ type: "string", description: "The ID of the Cloudflare Account", sensitive: true });
    expect(synthStack({ providers: "aws-current" }).variable!.cloudflare_account_id).toBeDefined();
  });

  it('is not declared on "current": a required, sensitive variable nothing reads would only be asked for', () => {
    const json = current();
    expect(Object.keys(json.variable)).not.toContain("cloudflare_account_id");
    expect(JSON.stringify(json)).not.toContain("cloudflare_account_id");
  });
});

describe('runtime "nodejs24.x": where the track\'s AWS provider accepts it', () => {
  const hello = (runtime: string) => ({ applications: { hello: { lambda: { entry: "examples/apps/hello/index.ts", runtime } } } }) as Partial<AlbMtlsStackProps>;

  it("on an AWS 6 track: the function runs on it, and the stack pins the AWS provider 6.19+ (the first that accepts it)", () => {
    const json = synthStack({ providers: "aws-current", ...hello("nodejs24.x") }, "n24");
    expect(json.resource.aws_lambda_function.app_hello_lambda_function.runtime).toBe("nodejs24.x");
    expect(json.terraform.required_providers.aws).toEqual({ source: "hashicorp/aws", version: "~> 6.19" });
    // Other stacks keep the track's pin.
    expect(synthStack({ providers: "aws-current", ...hello("nodejs22.x") }, "n22").terraform.required_providers.aws.version).toBe("~> 6.0");
  });

  it('on "reference" (AWS 5, whose last release refuses it): refused at synth, naming the runtime, in cdktf.json and in TypeScript', () => {
    const message =
      'applications.hello.lambda.runtime: "nodejs24.x" needs the AWS provider 6.19 or later; providers "reference" writes for AWS 5, whose last release (5.100) refuses it. Use providers "aws-current" or "current", or runtime "nodejs22.x"';
    expect(problems(hello("nodejs24.x"))).toEqual([`stacks.s.${message}`]);
    expect(stackError(hello("nodejs24.x"))).toThrow(message);
    expect(problems(hello("nodejs26.x"))).toEqual(['stacks.s.applications.hello.lambda.runtime: expected one of "nodejs20.x", "nodejs22.x", "nodejs24.x", got the string "nodejs26.x"']);
  });

  it("the default stays nodejs22.x", () => {
    const json = synthStack({ applications: { hello: { lambda: { entry: "examples/apps/hello/index.ts" } } } }, "d");
    expect(json.resource.aws_lambda_function.app_hello_lambda_function.runtime).toBe("nodejs22.x");
  });
});
