/**
 * Who gets in (issue 22, docs/access.md): every Access rule kind as each Cloudflare major writes
 * it, require rules with several values as Access groups, service tokens with their policies,
 * outputs and the gate's ACCESS_SERVICE_TOKENS, identity providers, and every refusal with the
 * same message on the cdktf.json route and the TypeScript props route. Terraform judges the same
 * forms in the Terraform stage (variants v-access-*).
 */
import { Testing } from "cdktf";
import { AlbMtlsStack, type AlbMtlsStackProps } from "../../stacks/alb-mtls-stack";
import { synthStack } from "../helpers";
import { fromJson, fromTypeScript } from "../prop-routes";

const IDP = "0b6f3c2e-8a41-4c7e-9f0d-2d6a1e5b7c90";
const OKTA = "5d1e9a47-3b2c-4f86-a0e1-7c9b8d6f5a34";
const GROUP = "3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b";
const POSTURE = "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f";
const ENTRA = "7c9b8d6f-5a34-4e1d-9a47-3b2c4f86a0e1";
const HELLO = "examples/apps/hello/index.ts"; // uses withGate

/** Each rule kind, and what it must become: in the v4 include block (attributes), and as v5 include objects. */
const KINDS: [string, object, Record<string, unknown>, object[]][] = [
  ["emails", { emails: ["alice@example.com"] }, { email: ["alice@example.com"] }, [{ email: { email: "alice@example.com" } }]],
  ["emailDomains", { emailDomains: ["example.com"] }, { email_domain: ["example.com"] }, [{ email_domain: { domain: "example.com" } }]],
  ["accessGroups", { accessGroups: [GROUP] }, { group: [GROUP] }, [{ group: { id: GROUP } }]],
  [
    "githubTeam",
    { githubTeam: { organization: "acme", teams: ["platform", "sre"], identityProvider: IDP } },
    { github: [{ name: "acme", teams: ["platform", "sre"], identity_provider_id: IDP }] },
    [{ github_organization: { name: "acme", team: "platform", identity_provider_id: IDP } }, { github_organization: { name: "acme", team: "sre", identity_provider_id: IDP } }],
  ],
  ["googleGroups", { googleGroups: { groups: ["eng@example.com"], identityProvider: IDP } }, { gsuite: [{ email: ["eng@example.com"], identity_provider_id: IDP }] }, [{ gsuite: { email: "eng@example.com", identity_provider_id: IDP } }]],
  ["oktaGroup", { oktaGroup: { groups: ["engineering"], identityProvider: OKTA } }, { okta: [{ name: ["engineering"], identity_provider_id: OKTA }] }, [{ okta: { name: "engineering", identity_provider_id: OKTA } }]],
  ["entraGroups", { entraGroups: { groups: [ENTRA], identityProvider: IDP } }, { azure: [{ id: [ENTRA], identity_provider_id: IDP }] }, [{ azure_ad: { id: ENTRA, identity_provider_id: IDP } }]],
  [
    "samlAttribute",
    { samlAttribute: { name: "department", value: "eng", identityProvider: IDP } },
    { saml: [{ attribute_name: "department", attribute_value: "eng", identity_provider_id: IDP }] },
    [{ saml: { attribute_name: "department", attribute_value: "eng", identity_provider_id: IDP } }],
  ],
  ["countries", { countries: ["JP"] }, { geo: ["JP"] }, [{ geo: { country_code: "JP" } }]],
  ["ipRanges", { ipRanges: ["203.0.113.0/24"] }, { ip: ["203.0.113.0/24"] }, [{ ip: { ip: "203.0.113.0/24" } }]],
  ["loginMethods", { loginMethods: [IDP] }, { login_method: [IDP] }, [{ login_method: { id: IDP } }]],
  ["mfa", { mfa: true }, { auth_method: "mfa" }, [{ auth_method: { auth_method: "mfa" } }]],
  ["devicePosture", { devicePosture: [POSTURE] }, { device_posture: [POSTURE] }, [{ device_posture: { integration_uid: POSTURE } }]],
  ["everyone", { everyone: true }, { everyone: true }, [{ everyone: {} }]],
];

/** One stack per major with every kind: in allow (include), in require (one rule each) and in exclude. */
const everyKind = (providers: "reference" | "current"): AlbMtlsStackProps => ({
  providers,
  access: { allow: KINDS.map(([, rule]) => rule as never), require: KINDS.map(([, rule]) => rule as never), exclude: [{ countries: ["KP"] }] },
});
const policies = (json: Record<string, any>) => json.resource.cloudflare_zero_trust_access_policy;

describe("every rule kind, written the way each Cloudflare major wants it", () => {
  it.each(KINDS)("%s on 4.52: attributes of the include and require blocks", (_kind, _rule, v4, v5) => {
    const allow = policies(synthStack(everyKind("reference"))).cloudflare_access_allow;
    expect(allow.include[0]).toEqual(expect.objectContaining(v4));
    // A rule of several values (two teams) is required as an Access group instead (below), listed beside accessGroups' own.
    const listed = Object.fromEntries(Object.entries(v4).map(([key, value]) => [key, key === "group" ? expect.arrayContaining(value as string[]) : value]));
    if (v5.length === 1) expect(allow.require[0]).toEqual(expect.objectContaining(listed));
  });

  it.each(KINDS)("%s on 5.14: one include and require object per value", (_kind, _rule, _v4, v5) => {
    const allow = policies(synthStack(everyKind("current"))).cloudflare_access_allow;
    for (const object of v5) {
      expect(allow.include).toContainEqual(object);
      // A rule of several values (two teams) is required as an Access group instead (below).
      if (v5.length === 1) expect(allow.require).toContainEqual(object);
    }
  });

  it("requires a rule of several values as an Access group, where any value matches (Cloudflare requires every rule)", () => {
    for (const providers of ["reference", "current"] as const) {
      const json = synthStack({ providers, access: { allow: [{ everyone: true }], require: [{ countries: ["JP", "DE"] }, { mfa: true }] } });
      const group = json.resource.cloudflare_zero_trust_access_group.cloudflare_access_require_1;
      expect(group.name).toBe("alb-mtls-test require 1");
      expect(group.include).toEqual(providers === "reference" ? [{ geo: ["JP", "DE"] }] : [{ geo: { country_code: "JP" } }, { geo: { country_code: "DE" } }]);
      const groupRef = "${cloudflare_zero_trust_access_group.cloudflare_access_require_1.id}";
      const require = policies(json).cloudflare_access_allow.require;
      expect(require).toEqual(
        providers === "reference" ? [{ group: [groupRef], auth_method: "mfa" }] : [{ group: { id: groupRef } }, { auth_method: { auth_method: "mfa" } }],
      );
    }
  });

  it("exclude rules, and no e-mail variable when access replaces the e-mails", () => {
    const json = synthStack(everyKind("reference"));
    expect(policies(json).cloudflare_access_allow.exclude).toEqual([{ geo: ["KP"] }]);
    expect(json.variable?.access_allowed_email).toBeUndefined();
    expect(policies(synthStack(everyKind("current"))).cloudflare_access_allow.exclude).toEqual([{ geo: { country_code: "KP" } }]);
  });

  it("limits the login page to the identity providers given, and redirects when there is one", () => {
    for (const providers of ["reference", "current"] as const) {
      const one = synthStack({ providers, access: { allow: [{ everyone: true }], identityProviders: [IDP] } });
      expect(one.resource.cloudflare_zero_trust_access_application.cloudflare_access_application).toEqual(
        expect.objectContaining({ allowed_idps: [IDP], auto_redirect_to_identity: true }),
      );
      const two = synthStack({ providers, access: { allow: [{ everyone: true }], identityProviders: [IDP, OKTA] } });
      const app = two.resource.cloudflare_zero_trust_access_application.cloudflare_access_application;
      expect(app.allowed_idps).toEqual([IDP, OKTA]);
      expect(app.auto_redirect_to_identity).toBeUndefined();
    }
  });
});

/** Issue 22's example, with the Access JWT checked so the gate is told the token names. */
const TEAM: AlbMtlsStackProps = {
  baseName: "team",
  accessJwt: { teamDomain: "acme.cloudflareaccess.com" },
  serviceTokens: { "uptime-probe": {}, ci: { duration: "8760h" } },
  applications: {
    wiki: {
      http: { targetType: "ip", port: 8080, targets: ["10.0.1.10"] },
      access: {
        allow: [{ githubTeam: { organization: "acme", teams: ["platform"], identityProvider: IDP } }, { emails: ["auditor@partner.example"] }],
        require: [{ countries: ["JP", "DE"] }],
        exclude: [{ emails: ["former@acme.example"] }],
        serviceTokens: ["uptime-probe"],
      },
    },
    reports: { lambda: { entry: HELLO }, access: { serviceTokens: ["ci"] } },
  },
};

describe("service tokens", () => {
  for (const providers of ["reference", "current"] as const) {
    it(`makes each declared token and lets it in through a non_identity policy of its own (${providers})`, () => {
      const json = synthStack({ ...TEAM, providers }, "team");
      const tokens = json.resource.cloudflare_zero_trust_access_service_token;
      expect(Object.keys(tokens).sort()).toEqual(["service_token_ci_token", "service_token_uptime-probe_token"]);
      expect(tokens.service_token_ci_token).toEqual(expect.objectContaining({ name: "team-ci", duration: "8760h" }));
      expect(tokens["service_token_uptime-probe_token"].duration).toBeUndefined();
      const tokenRef = "${cloudflare_zero_trust_access_service_token.service_token_ci_token.id}";
      const policy = policies(json).app_reports_access_service_token_ci;
      expect(policy).toEqual(expect.objectContaining({ decision: "non_identity", name: "Service Auth ci for reports" }));
      expect(policy.include).toEqual(providers === "reference" ? [{ service_token: [tokenRef] }] : [{ service_token: { token_id: tokenRef } }]);
      // Machine-only: reports has no allow policy; wiki has its allow policy and the probe's.
      expect(policies(json).app_reports_access_allow).toBeUndefined();
      const wikiPolicies = json.resource.cloudflare_zero_trust_access_application.app_wiki_access_application.policies;
      const ids = (wikiPolicies as (string | { id: string })[]).map((p) => (typeof p === "string" ? p : p.id));
      expect(ids).toEqual([
        "${cloudflare_zero_trust_access_policy.app_wiki_access_allow.id}",
        "${cloudflare_zero_trust_access_policy.app_wiki_access_service_token_uptime-probe.id}",
      ]);
    });
  }

  it("outputs each token's client ID and expiry, and the client secrets as a sensitive output", () => {
    const json = synthStack(TEAM, "team");
    const token = (attr: string) => `\${cloudflare_zero_trust_access_service_token.service_token_ci_token.${attr}}`;
    expect(json.output.service_tokens.value.ci).toEqual({ client_id: token("client_id"), expires_at: token("expires_at") });
    expect(json.output.service_tokens.sensitive).toBeUndefined();
    expect(json.output.service_token_client_secrets).toEqual(expect.objectContaining({ sensitive: true }));
    expect(json.output.service_token_client_secrets.value.ci).toBe(token("client_secret"));
    expect(json.output.applications.value.reports.service_tokens).toEqual(["ci"]);
    expect(json.output.applications.value.wiki.service_tokens).toEqual(["uptime-probe"]);
  });

  it("tells a gated handler the names of the tokens its application lets in (ACCESS_SERVICE_TOKENS)", () => {
    const env = synthStack(TEAM, "team").resource.aws_lambda_function.app_reports_lambda_function.environment.variables;
    expect(env.ACCESS_SERVICE_TOKENS).toBe('${jsonencode(zipmap([cloudflare_zero_trust_access_service_token.service_token_ci_token.client_id], ["ci"]))}');
    // The guard of the single default application too.
    const guard = synthStack({ accessJwt: { teamDomain: "acme.cloudflareaccess.com" }, serviceTokens: { probe: {} }, access: { serviceTokens: ["probe"] } });
    expect(guard.resource.aws_lambda_function.lambda_function.environment.variables.ACCESS_SERVICE_TOKENS).toContain('["probe"]');
    expect(guard.output.access_service_tokens.value).toEqual(["probe"]);
  });

  it("with certificateLifecycle, every plan warns before a token expires (a check on its expires_at); a token that never expires gets none", () => {
    const json = synthStack({ ...TEAM, serviceTokens: { ...TEAM.serviceTokens, forever: { duration: "forever" } }, certificateLifecycle: { warningDays: 20 } }, "team");
    const check = json.check!.service_token_ci_expiry.assert[0];
    expect(check.condition).toBe('${(timecmp(cloudflare_zero_trust_access_service_token.service_token_ci_token.expires_at, timeadd(plantimestamp(), "480h")) == 1)}');
    expect(check.error_message).toContain('The Access service token "ci" (cloudflare_zero_trust_access_service_token.service_token_ci_token) expires at');
    expect(check.error_message).toContain("terraform apply -replace=cloudflare_zero_trust_access_service_token.service_token_ci_token");
    expect(json.check!["service_token_uptime-probe_expiry"]).toBeDefined();
    expect(json.check!.service_token_forever_expiry).toBeUndefined();
    expect(synthStack(TEAM, "team").check).toBeUndefined();
  });

  it("checks the duration per track: 4.52's list, 5.14's durations", () => {
    expect(fromJson({ serviceTokens: { ci: { duration: "720h" } } })).toEqual([
      'serviceTokens.ci.duration: "720h" must be one of 8760h, 17520h, 43800h, 87600h, forever on the Cloudflare provider 4.52 (providers "reference" and "aws-current"); "current" (5.14) takes any duration such as 720h',
    ]);
    expect(fromJson({ providers: "current", serviceTokens: { ci: { duration: "720h" } }, access: { serviceTokens: ["ci"] } })).toEqual([]);
    expect(fromJson({ providers: "current", serviceTokens: { ci: { duration: "forever" } } })).toEqual([
      'serviceTokens.ci.duration: "forever" must be a duration such as 8760h or 2h45m (units ns, us, µs, ms, s, m, h), as the Cloudflare provider 5.14 takes it',
    ]);
  });

  it("warns about a declared token no application lets in", () => {
    const stack = new AlbMtlsStack(Testing.app({ fakeCdktfJsonPath: true }), "unused", { ...TEAM, serviceTokens: { ...TEAM.serviceTokens, spare: {} } });
    const warnings = (name: string) => stack.serviceTokens[name].node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings("spare")).toEqual(["serviceTokens.spare: declared, but no application lets it in (access.serviceTokens): the token opens nothing"]);
    expect(warnings("ci")).toEqual([]);
  });
});


describe("bad input: refused at synth with the field named, the same on both routes", () => {
  const tokens = { serviceTokens: { ci: {} } };
  const cases: [string, object, string][] = [
    ["an unknown rule kind, with did you mean", { access: { allow: [{ githubTeams: { organization: "acme", identityProvider: IDP } }] } }, 'access.allow[0]: unknown rule kind "githubTeams" (did you mean "githubTeam"?); kinds: emails, emailDomains'],
    ["two kinds in one entry", { access: { allow: [{ emails: ["a@example.com"], mfa: true }] } }, "access.allow[0]: one rule kind per entry, got emails and mfa; write each as an entry of its own"],
    ["an empty rule list", { access: { allow: [] } }, "access.allow: empty list; give at least one rule, or leave the key out"],
    ["an empty value list", { access: { allow: [{ everyone: true }], require: [{ countries: [] }] } }, "access.require[0].countries: empty list; give at least one value, or leave the rule out"],
    ["an identity-provider ID that is not a UUID", { access: { allow: [{ oktaGroup: { groups: ["eng"], identityProvider: "okta-prod" } }] } }, 'access.allow[0].oktaGroup.identityProvider: "okta-prod" must be a UUID'],
    ["identityProviders not UUIDs", { access: { allow: [{ everyone: true }], identityProviders: ["github"] } }, 'access.identityProviders[0]: "github" must be a UUID'],
    ["a country that is not ISO 3166-1 alpha-2", { access: { allow: [{ everyone: true }], require: [{ countries: ["JP", "UK"] }] } }, 'access.require[0].countries[1]: "UK" must be an ISO 3166-1 alpha-2 country code in capitals, such as JP, DE or US (UK is GB)'],
    ["a token used but not declared", { ...tokens, access: { serviceTokens: ["cl"] } }, 'access.serviceTokens[0]: "cl" is used but not declared (did you mean "ci"?); the stack\'s serviceTokens declare "ci"'],
    ["a token used with none declared", { applications: { hello: { lambda: { entry: HELLO }, access: { serviceTokens: ["ci"] } } } }, `applications.hello.access.serviceTokens[0]: "ci" is used but not declared; declare it in the stack's serviceTokens: { "ci": {} }`],
    ["require with no way in", { access: { require: [{ mfa: true }] } }, "access: no way in: allow and serviceTokens are both empty, so require narrows nothing; add allow rules (people) or serviceTokens (machines)"],
    ["exclude with no way in", { applications: { hello: { lambda: { entry: HELLO }, access: { exclude: [{ emails: ["x@example.com"] }] } } } }, "applications.hello.access: no way in: allow and serviceTokens are both empty, so exclude narrows nothing"],
    ["require on a machine-only application", { ...tokens, access: { serviceTokens: ["ci"], require: [{ countries: ["JP"] }] } }, "access.require: narrows the people allow lets in, and allow is empty (a machine-only application)"],
    ["a duplicate token name", { serviceTokens: { ci: {}, CI: {} }, access: { serviceTokens: ["ci", "CI"] } }, 'serviceTokens.CI: duplicate token name: "CI" and "ci" name the same token; give each token a name of its own'],
    ["a token given twice to an application", { ...tokens, access: { serviceTokens: ["ci", "ci"] } }, 'access.serviceTokens[1]: "ci" is given twice'],
    ["access beside the e-mail inputs", { accessAllowedEmailDomains: ["example.com"], access: { allow: [{ everyone: true }] } }, "accessAllowedEmailDomains: give either it or access, not both"],
    ["a bad e-mail in a rule", { access: { allow: [{ emails: ["bob"] }] } }, 'access.allow[0].emails[0]: "bob" must be an e-mail address'],
    ["a missing field of a rule", { access: { allow: [{ samlAttribute: { name: "dept", identityProvider: IDP } }] } }, "access.allow[0].samlAttribute.value: required"],
    ["service tokens on the move between tracks", { providers: "aws-current", switchFromReferenceTrack: "forget", ...tokens, access: { serviceTokens: ["ci"] } }, "serviceTokens: not with switchFromReferenceTrack: the move between provider tracks does not carry it"],
    ["a require group on the move between tracks", { providers: "current", switchFromReferenceTrack: "import", access: { allow: [{ everyone: true }], require: [{ countries: ["JP", "DE"] }] } }, "access.require[0]: several values make an Access group, not with switchFromReferenceTrack"],
    ["an unknown key of access", { access: { allow: [{ everyone: true }], requires: [{ mfa: true }] } }, 'access.requires: unknown key (did you mean "require"?)'],
  ];

  it.each(cases)("%s", (_what, props, message) => {
    const json = fromJson(props);
    expect(json.join("\n")).toContain(message);
    expect(fromTypeScript(props as AlbMtlsStackProps)).toEqual(json);
  });
});
