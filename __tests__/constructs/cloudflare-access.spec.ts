import { ZeroTrustAccessApplication } from "@cdktf/provider-cloudflare/lib/zero-trust-access-application";
import { CloudflareAccess } from "../../constructs/cloudflare/access";
import { ref, synth } from "../helpers";

const props = { zoneId: "0123456789abcdef0123456789abcdef", applicationDomain: "app.example.com", applicationName: "demo" };

describe("CloudflareAccess", () => {
  const { text, json } = synth((s) => new CloudflareAccess(s, "access", { ...props, emails: ["alice@example.com"] }));
  const policies = json.resource.cloudflare_zero_trust_access_policy;

  it("reads the account from the zone", () => {
    expect(json.data.cloudflare_zone.access_zone).toMatchObject({ zone_id: props.zoneId });
  });

  it("allows the listed e-mails, with an empty domain list by default, replaced before destroy", () => {
    expect(Object.keys(policies)).toEqual(["access_allow"]);
    expect(policies.access_allow).toMatchObject({
      account_id: ref(json, "cloudflare_zone", "account_id", "data"),
      name: "Allow Policy for demo",
      decision: "allow",
      include: [{ email: ["alice@example.com"], email_domain: [] }],
      lifecycle: { create_before_destroy: true },
    });
  });

  it("protects the hostname with a self-hosted application using that policy, 72h sessions", () => {
    expect(text).toHaveResourceWithProperties(ZeroTrustAccessApplication, {
      zone_id: ref(json, "cloudflare_zone", "zone_id", "data"),
      name: "demo",
      domain: "app.example.com",
      type: "self_hosted",
      session_duration: "72h",
      policies: ["${cloudflare_zero_trust_access_policy.access_allow.id}"],
    });
  });

  it("allows e-mail domains", () => {
    const { json: j } = synth((s) => new CloudflareAccess(s, "a", { ...props, emailDomains: ["example.com"] }));
    expect(j.resource.cloudflare_zero_trust_access_policy.a_allow.include).toEqual([{ email: [], email_domain: ["example.com"] }]);
  });

  it("adds a bypass policy after the allow policy only when bypass IPs are given", () => {
    const { json: j } = synth((s) => new CloudflareAccess(s, "a", { ...props, emails: ["a@b.c"], bypassIps: ["203.0.113.0/24"] }));
    expect(j.resource.cloudflare_zero_trust_access_policy.a_bypass).toMatchObject({
      name: "Bypass Policy for demo",
      decision: "bypass",
      include: [{ ip: ["203.0.113.0/24"] }],
      lifecycle: { create_before_destroy: true },
    });
    expect(j.resource.cloudflare_zero_trust_access_application.a_application.policies).toEqual([
      "${cloudflare_zero_trust_access_policy.a_allow.id}",
      "${cloudflare_zero_trust_access_policy.a_bypass.id}",
    ]);
    const none = synth((s) => new CloudflareAccess(s, "a", { ...props, emails: ["a@b.c"], bypassIps: [] })).json;
    expect(Object.keys(none.resource.cloudflare_zero_trust_access_policy)).toEqual(["a_allow"]);
  });

  it("exposes the application AUD tag", () => {
    let access!: CloudflareAccess;
    const { json: j } = synth((s) => {
      access = new CloudflareAccess(s, "a", { ...props, emails: ["a@example.com"] });
      new ZeroTrustAccessApplication(s, "probe", { name: access.applicationAud });
    });
    expect(j.resource.cloudflare_zero_trust_access_application.probe.name).toBe(
      "${cloudflare_zero_trust_access_application.a_application.aud}",
    );
  });

  it("checks literal props, naming the prop", () => {
    const build = (extra: object) => () => synth((s) => new CloudflareAccess(s, "a", { ...props, emails: ["a@example.com"], ...extra }));
    expect(build({ emails: [], emailDomains: [] })).toThrow("test/a: emails and emailDomains are both empty, and there are no rules.allow and no serviceTokens: nobody could get in");
    expect(build({ emails: ["a@example.com", "bob"] })).toThrow('test/a: emails[1] "bob" must be an e-mail address');
    expect(build({ emailDomains: ["@example.com"] })).toThrow(/test\/a: emailDomains\[0\] "@example\.com" must be an e-mail domain/);
    expect(build({ bypassIps: ["10.0.0.0/33"] })).toThrow(/test\/a: bypassIps\[0\] "10\.0\.0\.0\/33" must be/);
    expect(build({ sessionDuration: "3 days" })).toThrow(/test\/a: sessionDuration "3 days" must be a duration/);
  });
});

describe("CloudflareAccess on the Cloudflare provider 5 (cloudflareProvider: 5)", () => {
  const { json } = synth((s) => new CloudflareAccess(s, "access", { ...props, cloudflareProvider: 5, emails: ["alice@example.com"], emailDomains: ["example.com"], bypassIps: ["192.0.2.0/24"] }));
  const policies = json.resource.cloudflare_zero_trust_access_policy;

  it("writes the same rules as one v5 include object per value, at the v4 construct's addresses", () => {
    expect(Object.keys(policies)).toEqual(["access_allow", "access_bypass"]);
    expect(policies.access_allow.include).toEqual([{ email: { email: "alice@example.com" } }, { email_domain: { domain: "example.com" } }]);
    expect(policies.access_bypass.include).toEqual([{ ip: { ip: "192.0.2.0/24" } }]);
    expect(policies.access_allow.account_id).toBe("${data.cloudflare_zone.access_zone.account.id}");
  });

  it("lists the account-level policies on the application, in precedence order", () => {
    const app = json.resource.cloudflare_zero_trust_access_application.access_application;
    expect(app.policies).toEqual([
      { id: "${cloudflare_zero_trust_access_policy.access_allow.id}", precedence: 1 },
      { id: "${cloudflare_zero_trust_access_policy.access_bypass.id}", precedence: 2 },
    ]);
    expect(app.zone_id).toBe(props.zoneId);
  });
});

describe("CloudflareAccess with rules and service tokens, used directly", () => {
  const token = { name: "probe", tokenId: "${cloudflare_zero_trust_access_service_token.probe.id}" };

  it("makes a machine-only application: no allow policy, one non_identity policy per token", () => {
    for (const cloudflareProvider of [4, 5] as const) {
      const { json } = synth((s) => new CloudflareAccess(s, "access", { ...props, cloudflareProvider, serviceTokens: [token] }));
      const policies = json.resource.cloudflare_zero_trust_access_policy;
      expect(Object.keys(policies)).toEqual(["access_service_token_probe"]);
      expect(policies.access_service_token_probe).toMatchObject({ decision: "non_identity", name: "Service Auth probe for demo" });
    }
  });

  it("checks the typed rules with the checks of the rules users write, naming the prop", () => {
    const build = (extra: object) => () => synth((s) => new CloudflareAccess(s, "a", { ...props, emails: ["a@example.com"], ...extra }));
    expect(build({ rules: { require: [{ kind: "countries", values: ["JP", "EU"] }] } })).toThrow('test/a: rules.require[0].countries[1]: "EU" must be an ISO 3166-1 alpha-2 country code');
    expect(build({ rules: { allow: [{ kind: "oktaGroup", groups: ["eng"], identityProvider: "okta" }] } })).toThrow('test/a: rules.allow[0].oktaGroup.identityProvider: "okta" must be a UUID');
    expect(build({ emails: [], rules: { require: [{ kind: "mfa" }] }, serviceTokens: [token] })).toThrow(
      "test/a: rules.require narrows the people the allow rules let in, and there are none",
    );
    expect(build({ serviceTokens: [token, token] })).toThrow('test/a: serviceTokens[1] "probe" is given twice');
  });
});
