import { Testing } from "cdktf";
import { TwoAppGateStack } from "../../examples/typescript/gate-stack";

const stack = new TwoAppGateStack(Testing.app({ fakeCdktfJsonPath: true }), "gate-ts", {
  baseName: "gate-ts",
  subnetNames: ["public-a"],
  hostZoneName: "aws.example.com",
  cloudflareZoneName: "example.com",
  allowedEmails: ["alice@example.com"],
  accessTeamDomain: "example.cloudflareaccess.com",
  adminTargets: ["10.0.1.20", "10.0.2.20"],
});
const json = JSON.parse(Testing.synth(stack));
const r = (type: string) => json.resource[type] ?? {};

describe("the TypeScript-authored two-application example (examples/typescript)", () => {
  it("synthesizes one ALB and listener with a host rule per application", () => {
    expect(Object.keys(r("aws_lb"))).toHaveLength(1);
    expect(r("aws_lb_listener_rule").wiki_target_rule.condition).toEqual([{ host_header: { values: ["wiki.example.com"] } }]);
    expect(r("aws_lb_listener_rule").admin_target_rule.condition).toEqual([
      { host_header: { values: ["admin.example.com"] } },
      { path_pattern: { values: ["/admin/*", "/api/*"] } },
    ]);
  });

  it("bundles the wiki's handler from its TypeScript entry and gives it the gate's Access JWT settings", () => {
    expect(stack.node.tryFindChild("wiki_lambda")).toBeDefined();
    expect(r("aws_lambda_function").wiki_lambda_function.environment.variables).toEqual({
      GREETING: "Welcome to the wiki",
      ACCESS_TEAM_DOMAIN: "example.cloudflareaccess.com",
      ACCESS_AUD: "${cloudflare_zero_trust_access_application.wiki_access_application.aud}",
    });
  });

  it("registers the admin tool's IPs and opens their port to the ALB only", () => {
    expect(Object.keys(r("aws_lb_target_group_attachment"))).toEqual(
      expect.arrayContaining(["admin_target_target_10_0_1_20", "admin_target_target_10_0_2_20", "wiki_target_attachment"]),
    );
    expect(r("aws_vpc_security_group_ingress_rule").admin_target_from_alb).toMatchObject({
      referenced_security_group_id: "${aws_security_group.alb_security_group.id}",
      from_port: 8080,
    });
  });

  it("puts both hostnames behind Cloudflare with the one client certificate, each with its own Access application", () => {
    for (const app of ["wiki", "admin"]) {
      expect(r("cloudflare_authenticated_origin_pulls")[`${app}_dns_origin_pulls`].authenticated_origin_pulls_certificate).toBe(
        "${cloudflare_authenticated_origin_pulls_certificate.cloudflare_zone_origin_pulls_certificate.id}",
      );
      expect(r("cloudflare_zero_trust_access_application")[`${app}_access_application`].domain).toBe(`${app}.example.com`);
    }
    expect(json.output.wiki_url.value).toBe("https://wiki.example.com");
  });
});
