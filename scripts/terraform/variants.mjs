// The matrix the Terraform stage runs beside the shipped stacks: cdktf.json stack entries that
// together use every option and target kind, so each form the constructs can write goes through
// `terraform init`, `validate` and a mocked plan. Files they name are made by check.mjs under
// .build/terraform/fixtures (`FIXTURES/…`).
const lambdaArn = "arn:aws:lambda:ap-northeast-1:111122223333:function:existing:live";

const IDP = "0b6f3c2e-8a41-4c7e-9f0d-2d6a1e5b7c90";
const TEAM = {
  baseName: "team",
  serviceTokens: { "uptime-probe": {}, ci: { duration: "8760h" } },
  applications: {
    wiki: {
      http: { targetType: "ip", port: 8080, targets: ["10.0.1.10"] },
      access: {
        allow: [
          { githubTeam: { organization: "acme", teams: ["platform"], identityProvider: IDP } },
          { oktaGroup: { groups: ["engineering"], identityProvider: "5d1e9a47-3b2c-4f86-a0e1-7c9b8d6f5a34" } },
          { emails: ["auditor@partner.example"] },
        ],
        require: [{ countries: ["JP", "DE"] }],
        exclude: [{ emails: ["former@acme.example"] }],
        serviceTokens: ["uptime-probe"],
      },
    },
    reports: { lambda: { entry: "examples/apps/hello/index.ts" }, access: { serviceTokens: ["ci"] } },
  },
};
// Every rule kind in allow, require (one value, and several: an Access group) and exclude; tokens; identity providers; the gate told the token names.
const EVERY_RULE = {
  accessJwt: { teamDomain: "example.cloudflareaccess.com" },
  serviceTokens: { probe: { duration: "forever" }, ci: {} },
  access: {
    allow: [
      { emails: ["alice@example.com"] },
      { emailDomains: ["example.com"] },
      { accessGroups: ["3f1d2c4b-5a69-4e7f-8a1b-2c3d4e5f6a7b"] },
      { githubTeam: { organization: "acme", teams: ["platform", "sre"], identityProvider: IDP } },
      { githubTeam: { organization: "acme-oss", identityProvider: IDP } },
      { googleGroups: { groups: ["eng@example.com"], identityProvider: "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d" } },
      { oktaGroup: { groups: ["engineering", "ops"], identityProvider: "5d1e9a47-3b2c-4f86-a0e1-7c9b8d6f5a34" } },
      { entraGroups: { groups: ["7c9b8d6f-5a34-4e1d-9a47-3b2c4f86a0e1"], identityProvider: "9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4" } },
      { samlAttribute: { name: "department", value: "engineering", identityProvider: "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e" } },
      { everyone: true },
    ],
    require: [{ mfa: true }, { countries: ["JP", "DE"] }, { loginMethods: [IDP] }, { devicePosture: ["4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f"] }, { ipRanges: ["203.0.113.0/24", "2001:db8::/32"] }],
    exclude: [{ emails: ["former@example.com"] }, { countries: ["KP"] }],
    serviceTokens: ["probe", "ci"],
    identityProviders: [IDP],
  },
};

export const VARIANTS = {
  // mTLS modes
  "v-passthrough": {
    mtls: { mode: "passthrough", allowedSubjects: ["CN=client,O=Example"], allowedSerials: ["0a1b2c"] },
    accessJwt: { teamDomain: "example.cloudflareaccess.com" },
  },
  "v-mtls-off": { mtls: { mode: "off" } },
  "v-verify-options": { mtls: { mode: "verify", ignoreClientCertificateExpiry: true, advertiseTrustStoreCaNames: true } },
  // bring-your-own certificates
  "v-byo-id": {
    certificates: { caBundleFile: "examples/certs/ca-bundle.pem", originPullCertificateId: "0123456789abcdef0123456789abcdef" },
    mtls: { revocationLists: ["examples/certs/revoked.crl.pem"] },
  },
  "v-byo-files": {
    certificates: {
      caBundleFile: "examples/certs/ca-bundle.pem",
      originPullCertificateFile: "FIXTURES/origin-pull-cert.pem",
      originPullPrivateKeyFile: "FIXTURES/origin-pull-key.pem",
    },
  },
  // every input as a literal: no variables at all
  "v-literals": {
    baseName: "lit",
    subnets: ["private-a", "private-c"],
    hostZoneName: "example.com",
    cloudflareZoneName: "example.net",
    cloudflareAccountId: "0123456789abcdef0123456789abcdef",
    accessAllowedEmail: ["alice@example.com"],
    accessAllowedEmailDomains: ["example.com"],
    accessSessionDuration: "8h",
    region: "eu-west-1",
    applicationName: "lit-app",
    targetGroupName: "lit-target",
  },
  // backends
  "v-backend-s3": { backend: { type: "s3", bucket: "tf-state", key: "gate/terraform.tfstate", region: "ap-northeast-1" } },
  "v-backend-s3-dynamodb": {
    backend: { type: "s3", bucket: "tf-state", key: "gate.tfstate", region: "ap-northeast-1", useLockfile: false, dynamodbTable: "tf-locks", encrypt: true, kmsKeyId: "alias/tf-state" },
  },
  "v-backend-cloud": { backend: { type: "cloud", organization: "example", workspace: "gate-prod", project: "platform" } },
  "v-backend-cloud-tags": { backend: { type: "cloud", organization: "example", workspaceTags: ["gate"], hostname: "app.terraform.io" } },
  "v-backend-local": { backend: { type: "local", path: "state/gate.tfstate" } },
  // taking over a deployment of the reference
  "v-adopt": { adoptReference: true },
  // applications: every target kind, in both modes
  "v-apps-verify": {
    accessJwt: true,
    originLockdown: true,
    applications: {
      hello: { lambda: { entry: "examples/apps/hello/index.ts", runtime: "nodejs20.x", architecture: "x86_64", memorySize: 256, timeout: 10, environment: { GREETING: "hi" }, logRetentionDays: 30 } },
      legacy: { lambdaArn, hostname: "legacy", priority: 300, accessAllowedEmail: ["bob@example.com"] },
      wiki: { http: { targetType: "ip", port: 8080, targets: ["10.0.1.10"], healthCheck: { path: "/health" } }, pathPatterns: ["/wiki/*"] },
      grafana: { http: { targetType: "instance", port: 3000, protocol: "HTTP", targets: ["i-0123456789abcdef0"], securityGroupId: "sg-0123456789abcdef0" }, accessSessionDuration: "1h" },
    },
  },
  "v-apps-passthrough": {
    mtls: { mode: "passthrough" },
    applications: {
      hello: { lambda: { entry: "examples/apps/hello/index.ts" } },
      legacy: { lambdaArn, verifiesClientCertificate: true },
      wiki: { http: { targetType: "ip", port: 8080, targets: ["10.0.1.10"] }, verifiesClientCertificate: true },
    },
  },
  // every hardening option, in the forms hardened does not use
  "v-hardening-literals": {
    secureBuckets: true,
    albLogs: true,
    wafWebAclArn: "arn:aws:wafv2:ap-northeast-1:111122223333:regional/webacl/gate/0123abcd-0123-4567-89ab-0123456789ab",
    deletionProtection: true,
    logRetentionDays: 30,
    logsKmsKey: "arn:aws:kms:ap-northeast-1:111122223333:key/0123abcd-0123-4567-89ab-0123456789ab",
    lambdaReservedConcurrency: 5,
    lambdaTracing: true,
    bucketControls: true,
    bucketAccessLogs: { retentionDays: 30 },
    strictSecurityGroups: true,
    variableValidation: true,
  },
  // the current providers (AWS 6, Cloudflare 5.14), every option they can honour
  "v-current-passthrough": {
    providers: "current",
    mtls: { mode: "passthrough", allowedSubjects: ["CN=client,O=Example"] },
    accessJwt: { teamDomain: "example.cloudflareaccess.com" },
    accessAllowedEmailDomains: ["example.com"],
    accessSessionDuration: "8h",
  },
  "v-current-byo-id": {
    providers: "current",
    certificates: { caBundleFile: "examples/certs/ca-bundle.pem", originPullCertificateId: "0123456789abcdef0123456789abcdef" },
    mtls: { revocationLists: ["examples/certs/revoked.crl.pem"], ignoreClientCertificateExpiry: true, advertiseTrustStoreCaNames: true },
  },
  "v-current-mtls-off": { providers: "current", mtls: { mode: "off" }, backend: { type: "s3", bucket: "tf-state", key: "gate.tfstate", region: "ap-northeast-1" } },
  "v-current-apps": {
    providers: "current",
    accessJwt: true,
    originLockdown: true,
    applications: {
      hello: { lambda: { entry: "examples/apps/hello/index.ts" } },
      legacy: { lambdaArn, hostname: "legacy", accessAllowedEmailDomains: ["example.com"] },
      wiki: { http: { targetType: "ip", port: 8080, targets: ["10.0.1.10"], healthCheck: { path: "/health" } }, pathPatterns: ["/wiki/*"] },
      grafana: { http: { targetType: "instance", port: 3000, targets: ["i-0123456789abcdef0"] } },
    },
  },
  "v-current-hardening": {
    providers: "current",
    accessJwt: true,
    originLockdown: true,
    secureBuckets: true,
    albLogs: { retentionDays: 90 },
    wafWebAclArn: true,
    deletionProtection: true,
    logRetentionDays: 365,
    logsKmsKey: true,
    lambdaReservedConcurrency: 50,
    lambdaTracing: true,
    strictSecurityGroups: true,
    bucketControls: true,
    bucketAccessLogs: true,
    variableValidation: true,
  },
  // who gets in (docs/access.md): issue 22's example as written, on both Cloudflare majors, and every rule kind on every track
  "v-access-team": TEAM,
  "v-access-team-current": { ...TEAM, providers: "current" },
  // the service tokens' expiry checks (docs/certificates.md), on both Cloudflare majors
  "v-access-team-lifecycle": { ...TEAM, certificateLifecycle: true },
  "v-access-team-current-lifecycle": { ...TEAM, providers: "current", certificateLifecycle: true },
  "v-access-rules": EVERY_RULE,
  "v-access-rules-aws-current": { ...EVERY_RULE, providers: "aws-current" },
  "v-access-rules-current": { ...EVERY_RULE, providers: "current", serviceTokens: { probe: { duration: "720h" }, ci: {} } },
  // certificates that never take the site down (docs/certificates.md): renewal without a gap on
  // the single application, every option's form, and CA rotation by generation, whose four steps
  // renewal.mjs also applies one after the other on one state (start, trust, old + new, new only)
  "v-lifecycle": { certificateLifecycle: { clientRenewalHours: 2000, warningDays: 45 }, secureBuckets: true },
  "v-ca-rotation-start": { certificateLifecycle: true },
  "v-ca-rotation-trust": { certificateLifecycle: { trustedCaGenerations: [1, 2] } },
  "v-ca-rotation-both": { certificateLifecycle: { caGeneration: 2, trustedCaGenerations: [1, 2] } },
  "v-ca-rotation-new": { certificateLifecycle: { caGeneration: 2 } },
  "v-lifecycle-byo-files": {
    certificates: { caBundleFile: "examples/certs/ca-bundle.pem", originPullCertificateFile: "FIXTURES/origin-pull-cert.pem", originPullPrivateKeyFile: "FIXTURES/origin-pull-key.pem" },
    certificateLifecycle: true,
  },
  // The bundle's CA expires 2036-11-19: a 10-year window holds today, so every plan warns (expected).
  "v-lifecycle-byo-in-window": {
    certificates: { caBundleFile: "examples/certs/ca-bundle.pem", originPullCertificateId: "0123456789abcdef0123456789abcdef" },
    certificateLifecycle: { warningDays: 3650, originPullCertificateExpiresAt: "2030-01-01T00:00:00Z" },
  },
  "v-alarms": { alarms: true, accessJwt: true, certificateLifecycle: true },
  "v-current-alarms-apps": {
    providers: "current",
    alarms: { snsTopicArn: "arn:aws:sns:ap-northeast-1:111122223333:oncall" },
    applications: { hello: { lambda: { entry: "examples/apps/hello/index.ts" } }, legacy: { lambdaArn } },
  },
  "v-current-lifecycle": { providers: "current", certificateLifecycle: { originPullCertificateExpiresAt: "2030-01-01T00:00:00Z" } },
  // the move from the reference's providers to the current ones, step by step
  "v-aws-current": { providers: "aws-current", originLockdown: true },
  // a team's own tags over the reference's, and the Node.js 24 runtime where the track's AWS provider takes it (pins ~> 6.19)
  "v-aws-current-node24-tags": {
    providers: "aws-current",
    tags: { Project: "payments-gate", CostCenter: "4711" },
    applications: { hello: { lambda: { entry: "examples/apps/hello/index.ts", runtime: "nodejs24.x" } } },
  },
  "v-switch-forget": { providers: "aws-current", switchFromReferenceTrack: "forget" },
  "v-switch-import": { providers: "current", switchFromReferenceTrack: "import" },
};

/** Example values for the Terraform variables the stacks declare without a default. */
export const EXAMPLE_VARIABLES = {
  base_name: "example-project-mtls",
  subnets: ["private-a", "private-c"],
  host_zone_name: "example.com",
  cloudflare_zone_name: "example.net",
  cloudflare_account_id: "0123456789abcdef0123456789abcdef",
  cloudflare_api_token: "example-token",
  access_allowed_email: ["alice@example.com"],
  access_team_domain: "example.cloudflareaccess.com",
  origin_pull_certificate_id: "0123456789abcdef0123456789abcdef",
  waf_web_acl_arn: "arn:aws:wafv2:ap-northeast-1:111122223333:regional/webacl/gate/0123abcd-0123-4567-89ab-0123456789ab",
  // An ID for every v4 address the stack's import blocks read (npm run track-switch writes the real ones).
  reference_track_import_ids: (config) =>
    Object.fromEntries(
      [...JSON.stringify(config.import ?? []).matchAll(/reference_track_import_ids\[\\"([^\\]+)\\"\]/g)].map(([, address], i) => [address, `0123456789abcdef0123456789abcd${String(i).padStart(2, "0")}`]),
    ),
};
