import { Testing } from "cdktf";
import { AlbMtlsStack, type AlbMtlsStackProps } from "../../stacks/alb-mtls-stack";
import type { ApplicationConfig } from "../../stacks/config";
import { only, synthStack as synthAny, type TfJson } from "../helpers";

const ENTRY = "__tests__/fixtures/apps/hello/index.ts";
const ARN = "arn:aws:lambda:ap-northeast-1:111122223333:function:legacy-fn:live";
const inputs = {
  baseName: "gate",
  subnets: ["public-a", "public-c"],
  hostZoneName: "aws.example.com",
  cloudflareZoneName: "example.com",
  accessAllowedEmail: ["alice@example.com"],
};
type Json = TfJson & { output: Record<string, { value: any }> };
const synthApps = (applications: Record<string, ApplicationConfig>, extra: Partial<AlbMtlsStackProps> = {}): Json =>
  synthAny({ ...inputs, ...extra, applications }, "apps") as Json;
const resources = (json: Json, type: string) => json.resource[type] ?? {};

const TWO: Record<string, ApplicationConfig> = {
  hello: { lambda: { entry: ENTRY, memorySize: 256, timeout: 10, architecture: "x86_64", logRetentionDays: 30, environment: { GREETING: "hi" } } },
  wiki: {
    http: { targetType: "ip", port: 8080, targets: ["10.0.1.10", "10.0.2.10"], healthCheck: { path: "/health", matcher: "200-399", intervalSeconds: 10 } },
    pathPatterns: ["/wiki/*", "/static/*"],
    accessAllowedEmail: [],
    accessAllowedEmailDomains: ["example.com"],
    accessSessionDuration: "8h",
  },
};
const json = synthApps(TWO);

describe("a stack with applications", () => {
  it("shares one ALB, one HTTPS listener, one trust store and one ACM certificate for the origin domain", () => {
    for (const type of ["aws_lb", "aws_lb_listener", "aws_lb_trust_store", "aws_acm_certificate"]) expect(Object.keys(resources(json, type))).toHaveLength(1);
    expect(only(json, "aws_acm_certificate").body.domain_name).toBe("gate.aws.example.com");
  });

  it("routes each hostname (and its paths) to its own target group, priorities from the order", () => {
    const rules = resources(json, "aws_lb_listener_rule");
    expect(rules.app_hello_target_rule).toMatchObject({
      listener_arn: "${aws_lb_listener.alb_https.arn}",
      priority: 100,
      condition: [{ host_header: { values: ["hello.example.com"] } }],
      action: [{ type: "forward", target_group_arn: "${aws_lb_target_group.app_hello_target_target_group.arn}" }],
    });
    expect(rules.app_wiki_target_rule).toMatchObject({
      priority: 110,
      condition: [{ host_header: { values: ["wiki.example.com"] } }, { path_pattern: { values: ["/wiki/*", "/static/*"] } }],
      action: [{ type: "forward", target_group_arn: "${aws_lb_target_group.app_wiki_target_target_group.arn}" }],
    });
  });

  it("looks the Cloudflare zone up once: every application's Access policies and application use the stack's lookup", () => {
    expect(Object.keys((json.data as Record<string, object>).cloudflare_zone)).toEqual(["cloudflare_zone_zone"]);
    for (const app of ["hello", "wiki"]) {
      expect(resources(json, "cloudflare_zero_trust_access_policy")[`app_${app}_access_allow`].account_id).toBe("${data.cloudflare_zone.cloudflare_zone_zone.account_id}");
      expect(resources(json, "cloudflare_zero_trust_access_application")[`app_${app}_access_application`].zone_id).toBe("${data.cloudflare_zone.cloudflare_zone_zone.id}");
    }
  });

  it("gives each hostname its proxied record and origin-pull binding, all with the one uploaded client certificate", () => {
    expect(Object.keys(resources(json, "cloudflare_authenticated_origin_pulls_certificate"))).toEqual(["cloudflare_zone_origin_pulls_certificate"]);
    for (const app of ["hello", "wiki"]) {
      expect(resources(json, "cloudflare_record")[`app_${app}_dns_record`]).toMatchObject({
        name: `${app}.example.com`,
        type: "CNAME",
        content: "gate.aws.example.com",
        proxied: true,
      });
      expect(resources(json, "cloudflare_authenticated_origin_pulls")[`app_${app}_dns_origin_pulls`]).toMatchObject({
        hostname: `${app}.example.com`,
        enabled: true,
        authenticated_origin_pulls_certificate: "${cloudflare_authenticated_origin_pulls_certificate.cloudflare_zone_origin_pulls_certificate.id}",
        lifecycle: { replace_triggered_by: ["cloudflare_authenticated_origin_pulls_certificate.cloudflare_zone_origin_pulls_certificate"] },
      });
    }
  });

  it("gives each application its own Access application and policy; the stack's e-mails are the default", () => {
    const apps = resources(json, "cloudflare_zero_trust_access_application");
    expect(apps.app_hello_access_application).toMatchObject({ name: "hello", domain: "hello.example.com", session_duration: "72h" });
    expect(apps.app_wiki_access_application).toMatchObject({ name: "wiki", domain: "wiki.example.com", session_duration: "8h" });
    const policies = resources(json, "cloudflare_zero_trust_access_policy");
    expect(policies.app_hello_access_allow.include).toEqual([{ email: ["alice@example.com"], email_domain: [] }]);
    expect(policies.app_wiki_access_allow.include).toEqual([{ email: [], email_domain: ["example.com"] }]);
  });

  it("makes no default application: no echo function, no /* rule, no single-application outputs", () => {
    expect(Object.keys(resources(json, "aws_lambda_function"))).toEqual(["app_hello_lambda_function"]);
    expect(json.output.application_url).toBeUndefined();
    expect(json.output.access_application_aud).toBeUndefined();
  });

  it("outputs each application's URL and AUD tag", () => {
    expect(json.output.applications.value).toEqual({
      hello: { url: "https://hello.example.com", access_application_aud: "${cloudflare_zero_trust_access_application.app_hello_access_application.aud}" },
      wiki: { url: "https://wiki.example.com", access_application_aud: "${cloudflare_zero_trust_access_application.app_wiki_access_application.aud}" },
    });
    expect(json.output.origin_url.value).toBe("https://gate.aws.example.com");
  });

  describe("lambda: your code", () => {
    const fn = resources(json, "aws_lambda_function").app_hello_lambda_function;
    it("is a function <base>-<key> with the settings given and the reference's for the rest", () => {
      expect(fn).toMatchObject({
        function_name: "gate-hello",
        handler: "index.handler",
        runtime: "nodejs22.x",
        architectures: ["x86_64"],
        memory_size: 256,
        timeout: 10,
        environment: { variables: { GREETING: "hi" } },
        logging_config: { log_format: "JSON" },
      });
      expect(resources(json, "aws_cloudwatch_log_group").app_hello_lambda_logs).toMatchObject({ name: "/aws/lambda/gate-hello", retention_in_days: 30 });
      expect(resources(json, "aws_iam_role").app_hello_lambda_role.name).toBe("gate-hello-role");
    });

    it("packages the bundle of the entry, not the echo handler", () => {
      const archive = json.data.archive_file.app_hello_lambda_archive;
      expect(archive.source_file).toMatch(/^\$\{path\.module\}\/assets\/app_hello_lambda_handler\/[0-9A-F]+\/index\.mjs$/);
    });

    it("is invoked by its target group only, attached after the permission", () => {
      expect(resources(json, "aws_lambda_permission").app_hello_target_invoke_permission).toMatchObject({
        function_name: "${aws_lambda_function.app_hello_lambda_function.function_name}",
        principal: "elasticloadbalancing.amazonaws.com",
        source_arn: "${aws_lb_target_group.app_hello_target_target_group.arn}",
      });
      expect(resources(json, "aws_lb_target_group_attachment").app_hello_target_attachment).toMatchObject({
        target_id: "${aws_lambda_function.app_hello_lambda_function.arn}",
        depends_on: ["aws_lambda_permission.app_hello_target_invoke_permission"],
      });
    });
  });

  describe("http: instances or IPs in the ALB's VPC", () => {
    it("has a target group on the port, protocol and health check given, in the ALB's VPC", () => {
      expect(resources(json, "aws_lb_target_group").app_wiki_target_target_group).toMatchObject({
        name: "gate-wiki",
        target_type: "ip",
        port: 8080,
        protocol: "HTTP",
        vpc_id: "${data.aws_vpc.alb_vpc.id}",
        health_check: { enabled: true, path: "/health", matcher: "200-399", interval: 10 },
      });
    });

    it("registers each target, keyed by the target", () => {
      const attachments = resources(json, "aws_lb_target_group_attachment");
      expect(attachments.app_wiki_target_target_10_0_1_10).toMatchObject({ target_id: "10.0.1.10", port: 8080 });
      expect(attachments.app_wiki_target_target_10_0_2_10).toMatchObject({ target_id: "10.0.2.10", port: 8080 });
    });

    it("lets the ALB's security group, and nothing else, reach the port, through a group made for the targets", () => {
      expect(resources(json, "aws_security_group").app_wiki_target_targets_security_group).toMatchObject({
        name: "gate-wiki-targets",
        vpc_id: "${data.aws_vpc.alb_vpc.id}",
      });
      expect(resources(json, "aws_security_group").app_wiki_target_targets_security_group.ingress).toBeUndefined();
      expect(resources(json, "aws_vpc_security_group_ingress_rule").app_wiki_target_from_alb).toMatchObject({
        security_group_id: "${aws_security_group.app_wiki_target_targets_security_group.id}",
        referenced_security_group_id: "${aws_security_group.alb_security_group.id}",
        ip_protocol: "tcp",
        from_port: 8080,
        to_port: 8080,
      });
    });

    it("adds the rule to the targets' own security group when given, making none", () => {
      const j = synthApps({ ec2: { http: { targetType: "instance", port: 80, protocol: "HTTPS", targets: ["i-0123456789abcdef0"], securityGroupId: "sg-0123456789abcdef0" } } });
      expect(Object.keys(resources(j, "aws_security_group"))).toEqual(["alb_security_group"]);
      expect(only(j, "aws_vpc_security_group_ingress_rule").body).toMatchObject({ security_group_id: "sg-0123456789abcdef0", from_port: 80, to_port: 80 });
      expect(only(j, "aws_lb_target_group").body).toMatchObject({ target_type: "instance", protocol: "HTTPS", health_check: { path: "/", matcher: "200" } });
    });
  });

  it("lambdaArn: only the target group, the permission (for the alias) and the attachment", () => {
    const j = synthApps({ legacy: { lambdaArn: ARN } });
    expect(resources(j, "aws_lambda_function")).toEqual({});
    expect(only(j, "aws_lambda_permission").body).toMatchObject({
      function_name: "arn:aws:lambda:ap-northeast-1:111122223333:function:legacy-fn",
      qualifier: "live",
      source_arn: "${aws_lb_target_group.app_legacy_target_target_group.arn}",
    });
    expect(only(j, "aws_lb_target_group_attachment").body.target_id).toBe(ARN);
  });

  it("adding an application changes none of the others' resources", () => {
    const three = synthApps({ ...TWO, legacy: { lambdaArn: ARN } });
    for (const [type, blocks] of Object.entries(json.resource)) {
      for (const [name, body] of Object.entries(blocks)) expect({ [`${type}.${name}`]: three.resource[type][name] }).toEqual({ [`${type}.${name}`]: body });
    }
    expect(resources(three, "aws_lb_listener_rule").app_legacy_target_rule.priority).toBe(120);
  });

  it("with accessJwt, tells a target it cannot wire what to check: issuer and keys URL per application, and a synth warning", () => {
    const stack = new AlbMtlsStack(Testing.app({ fakeCdktfJsonPath: true }), "apps", {
      ...inputs,
      accessJwt: { teamDomain: "acme.cloudflareaccess.com" },
      applications: { wiki: TWO.wiki },
    });
    const j = JSON.parse(Testing.synth(stack));
    expect(j.output.applications.value.wiki).toEqual({
      url: "https://wiki.example.com",
      access_application_aud: "${cloudflare_zero_trust_access_application.app_wiki_access_application.aud}",
      access_jwt_issuer: "https://acme.cloudflareaccess.com",
      access_jwt_keys_url: "https://acme.cloudflareaccess.com/cdn-cgi/access/certs",
    });
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === "@cdktf/warn");
    expect(warnings.map((w) => w.data)).toEqual([expect.stringMatching(/^applications\.wiki: accessJwt: the stack cannot make an http target check the Access JWT; it must verify Cf-Access-Jwt-Assertion itself/)]);
  });

  describe("the gate in your Lambda (withGate)", () => {
    const GATED = "examples/apps/hello/index.ts"; // wraps its handler in withGate
    const env = (j: Json, app = "web") => resources(j, "aws_lambda_function")[`app_${app}_lambda_function`].environment?.variables;

    it("pass-through mode: gets the CA bundle and allow-lists, as the guard does", () => {
      const j = synthApps({ web: { lambda: { entry: GATED, environment: { STAGE: "prod" } } } }, { mtls: { mode: "passthrough", allowedSubjects: ["CN=Client Certificate"] } });
      expect(env(j)).toEqual({
        STAGE: "prod",
        MTLS_VERIFY: "true",
        MTLS_CA_BUNDLE: "${tls_self_signed_cert.client_cert_root.cert_pem}",
        MTLS_ALLOWED_SUBJECTS: '["CN=Client Certificate"]',
      });
    });

    it("accessJwt: gets the team domain and the AUD tag of its own Access application", () => {
      const j = synthApps({ web: { lambda: { entry: GATED } }, api: { lambda: { entry: GATED } } }, { accessJwt: { teamDomain: "acme.cloudflareaccess.com" } });
      for (const app of ["web", "api"]) {
        expect(env(j, app)).toEqual({
          ACCESS_TEAM_DOMAIN: "acme.cloudflareaccess.com",
          ACCESS_AUD: `\${cloudflare_zero_trust_access_application.app_${app}_access_application.aud}`,
        });
      }
    });

    it("verify mode without accessJwt: is told that nothing is left to check (the gate refuses to run unconfigured)", () => {
      expect(env(synthApps({ web: { lambda: { entry: GATED } } }))).toEqual({ MTLS_VERIFY: "false" });
      expect(env(synthApps({ web: { lambda: { entry: ENTRY } } }))).toBeUndefined(); // no gate, nothing to say
    });

    it("stops synth when the entry does not use the gate but the stack asks it to check", () => {
      expect(() => synthApps({ web: { lambda: { entry: ENTRY } } }, { mtls: { mode: "passthrough" } })).toThrow(
        `apps: applications.web.lambda.entry: the stack configures the gate to check the client certificate (pass-through mode), but the bundle of ${ENTRY} does not use it, so nothing would check. Wrap your handler: import { withGate } from "alb-mtls-cdktf/gate"`,
      );
      expect(() => synthApps({ web: { lambda: { entry: ENTRY } } }, { accessJwt: { teamDomain: "acme.cloudflareaccess.com" } })).toThrow(/check the Access JWT \(accessJwt\), but the bundle/);
      // The code says it verifies the certificate itself: allowed, and still given the CA bundle.
      const j = synthApps({ web: { lambda: { entry: ENTRY }, verifiesClientCertificate: true } }, { mtls: { mode: "passthrough" } });
      expect(env(j)).toMatchObject({ MTLS_VERIFY: "true" });
    });
  });

  it("refuses pass-through mode for an http target when authored in TypeScript too", () => {
    expect(() => synthApps({ wiki: TWO.wiki }, { mtls: { mode: "passthrough" } })).toThrow(
      /^apps: applications\.wiki: mtls\.mode is "passthrough": .*cannot make an http target verify it/,
    );
  });
});
