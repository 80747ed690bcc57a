import { ConfigError, parseStacks } from "../../stacks/config";

function problems(raw: unknown): string[] {
  try {
    parseStacks(raw);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("parseStacks", () => {
  it("returns each stack's inputs; an empty entry means every input is a Terraform variable", () => {
    const stacks = parseStacks({ article: {}, prod: { baseName: "prod-app", subnets: ["a", "b"], region: "eu-west-1" } });
    expect(stacks).toEqual({ article: {}, prod: { baseName: "prod-app", subnets: ["a", "b"], region: "eu-west-1" } });
  });

  it("names an unknown key with its path, suggests the closest one and lists the allowed keys", () => {
    const [p] = problems({ prod: { baseNme: "x" } });
    expect(p).toMatch(/^stacks\.prod\.baseNme: unknown key \(did you mean "baseName"\?\); allowed keys: baseName, subnets, /);
  });

  it("names a value of the wrong type with its path, what was expected and what was given", () => {
    expect(problems({ prod: { baseName: 42 } })).toEqual(["stacks.prod.baseName: expected a string, got the number 42"]);
    expect(problems({ prod: { subnets: "public-a" } })).toEqual([
      'stacks.prod.subnets: expected an array of strings, got the string "public-a"',
    ]);
    expect(problems({ prod: { accessAllowedEmail: ["a@b.c", 1] } })).toEqual([
      'stacks.prod.accessAllowedEmail: expected an array of strings, got an array ["a@b.c",1]',
    ]);
  });

  it("reports every problem at once, across stacks", () => {
    const all = problems({ staging: { region: null }, prod: { subnet: [], hostZoneName: ["x"] } });
    expect(all).toHaveLength(3);
    expect(all.map((p) => p.split(":")[0])).toEqual(["stacks.staging.region", "stacks.prod.subnet", "stacks.prod.hostZoneName"]);
  });

  it("rejects a missing or malformed stacks object and bad stack names", () => {
    expect(problems(undefined)[0]).toMatch(/^stacks: missing/);
    expect(problems(["article"])[0]).toMatch(/^stacks: expected an object keyed by stack name/);
    expect(problems({})[0]).toMatch(/^stacks: no stacks defined/);
    expect(problems({ "prod env": {} })[0]).toMatch(/^stacks\.prod env: invalid stack name/);
    expect(problems({ prod: "x" })).toEqual(['stacks.prod: expected an object of inputs, got the string "x"']);
  });

  it("puts all problems in the error message", () => {
    expect(() => parseStacks({ prod: { baseName: 1, regio: "x" } })).toThrow(
      /Invalid configuration in cdktf\.json \(context\.stacks\):\n  - stacks\.prod\.baseName: .*\n  - stacks\.prod\.regio: /,
    );
  });
});

describe("parseStacks: values and options", () => {
  const base = { baseName: "app" };

  it("accepts the shipped hardened example", () => {
    const { hardened } = require("../../cdktf.json").context.stacks;
    expect(() => parseStacks({ hardened })).not.toThrow();
  });

  it("checks literal values against AWS and Cloudflare rules, with path and value", () => {
    const all = problems({
      prod: {
        hostZoneName: "exa mple.com",
        cloudflareAccountId: "1234",
        accessAllowedEmail: ["alice@example.com", "bob"],
        region: "tokyo",
        accessSessionDuration: "3 days",
      },
    });
    expect(all.map((p) => p.split(":")[0])).toEqual([
      "stacks.prod.hostZoneName",
      "stacks.prod.cloudflareAccountId",
      "stacks.prod.accessAllowedEmail[1]",
      "stacks.prod.region",
      "stacks.prod.accessSessionDuration",
    ]);
    expect(all[0]).toContain('"exa mple.com"');
    expect(all[2]).toContain('"bob"');
  });

  it("checks the names derived from baseName", () => {
    const long = "a".repeat(28);
    const [p] = problems({ prod: { baseName: long } });
    expect(p).toContain(`stacks.prod.baseName: "${long}"`);
    expect(p).toContain(`${long}-mtls`);
    expect(problems({ prod: { baseName: "My_App" } }).length).toBeGreaterThan(1);
  });

  it("needs at least one Access include rule", () => {
    expect(problems({ prod: { accessAllowedEmail: [] } })[0]).toMatch(/^stacks\.prod\.accessAllowedEmail: empty, and no accessAllowedEmailDomains/);
    expect(() => parseStacks({ prod: { accessAllowedEmail: [], accessAllowedEmailDomains: ["example.com"] } })).not.toThrow();
  });

  it("refuses mTLS options that do not apply to the mode", () => {
    expect(problems({ prod: { mtls: { mode: "passthrough", ignoreClientCertificateExpiry: true } } })).toEqual([
      'stacks.prod.mtls.ignoreClientCertificateExpiry: applies to mode "verify" only; mode is "passthrough"',
    ]);
    expect(problems({ prod: { mtls: { allowedSubjects: ["CN=x"] } } })[0]).toMatch(/^stacks\.prod\.mtls\.allowedSubjects: applies to mode "passthrough" only/);
    expect(problems({ prod: { mtls: { mode: "strict" } } })[0]).toBe(
      'stacks.prod.mtls.mode: expected one of "verify", "passthrough", "off", got the string "strict"',
    );
    expect(problems({ prod: { mtls: { revocationLists: ["examples/certs/revoked.crl.pem"] } } })[0]).toMatch(
      /^stacks\.prod\.mtls\.revocationLists: needs certificates\.caBundleFile/,
    );
  });

  it("checks the files it is given: present, and of the right kind", () => {
    expect(problems({ prod: { certificates: { caBundleFile: "nope.pem" } } })[0]).toMatch(/^stacks\.prod\.certificates\.caBundleFile: file "nope\.pem" not found/);
    expect(problems({ prod: { certificates: { caBundleFile: "examples/certs/revoked.crl.pem" } } })[0]).toContain("holds no PEM certificate");
    expect(
      problems({ prod: { certificates: { caBundleFile: "examples/certs/ca-bundle.pem" }, mtls: { revocationLists: ["examples/certs/ca-bundle.pem"] } } })[0],
    ).toContain("is not a certificate revocation list");
    expect(problems({ prod: { certificates: {} } })).toEqual(["stacks.prod.certificates.caBundleFile: required"]);
    expect(
      problems({ prod: { certificates: { caBundleFile: "examples/certs/ca-bundle.pem", originPullCertificateFile: "examples/certs/ca-bundle.pem" } } })[0],
    ).toBe("stacks.prod.certificates: originPullCertificateFile and originPullPrivateKeyFile go together");
  });

  it("checks backends", () => {
    expect(problems({ prod: { ...base, backend: { type: "s4" } } })[0]).toBe(
      'stacks.prod.backend.type: expected one of "local", "s3", "cloud", got the string "s4"',
    );
    expect(problems({ prod: { backend: { type: "s3", bucket: "b" } } }).sort()).toEqual(
      [expect.stringMatching(/^stacks\.prod\.backend\.bucket: "b"/), "stacks.prod.backend.key: required", "stacks.prod.backend.region: required"].sort(),
    );
    expect(problems({ prod: { backend: { type: "cloud", organization: "acme" } } })).toEqual([
      'stacks.prod.backend: a "cloud" backend needs exactly one of workspace (a name) or workspaceTags',
    ]);
    expect(problems({ prod: { backend: { type: "local", bucket: "x" } } })[0]).toMatch(/^stacks\.prod\.backend\.bucket: unknown key/);
  });

  it("checks option types", () => {
    expect(problems({ prod: { originLockdown: "yes" } })).toEqual(['stacks.prod.originLockdown: expected true or false, got the string "yes"']);
    expect(problems({ prod: { albLogs: { retentionDays: 0 } } })).toEqual([
      "stacks.prod.albLogs.retentionDays: expected a whole number from 1 to 3650, got the number 0",
    ]);
    expect(problems({ prod: { wafWebAclArn: "arn:aws:wafv2:us-east-1:1:global/webacl/x" } })[0]).toMatch(/must be a REGIONAL WAFv2 web ACL ARN/);
    expect(problems({ prod: { accessJwt: false } })[0]).toMatch(/leave the key out instead/);
  });

  it("checks the function, network and bucket options", () => {
    expect(
      problems({
        prod: {
          logRetentionDays: 100,
          logsKmsKey: "alias/mine",
          lambdaReservedConcurrency: 0,
          lambdaTracing: "on",
          strictSecurityGroups: 1,
          bucketControls: "yes",
          bucketAccessLogs: { retentionDays: 0 },
        },
      }).map((p) => p.split(":")[0]),
    ).toEqual([
      "stacks.prod.logRetentionDays",
      "stacks.prod.logsKmsKey",
      "stacks.prod.lambdaReservedConcurrency",
      "stacks.prod.lambdaTracing",
      "stacks.prod.strictSecurityGroups",
      "stacks.prod.bucketControls",
      "stacks.prod.bucketAccessLogs.retentionDays",
    ]);
    expect(problems({ prod: { logsKmsKey: "alias/mine" } })[0]).toMatch(/must be a KMS key ARN/);
    expect(problems({ prod: { logRetentionDays: 100 } })[0]).toMatch(/365/);
    const long = "a".repeat(49); // 64 characters with the suffix
    expect(problems({ prod: { baseName: long, bucketAccessLogs: true } }).some((p) => p.includes(`${long}-s3-access-logs`))).toBe(true);
  });
});
