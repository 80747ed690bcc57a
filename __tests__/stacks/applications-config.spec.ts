import { ConfigError, parseStacks } from "../../stacks/config";

const ENTRY = "__tests__/fixtures/apps/hello/index.ts";
const base = { baseName: "gate", accessAllowedEmail: ["a@example.com"] };

/** The problems of one stack entry `prod` with these applications (and extra stack keys). */
function problems(applications: unknown, stack: Record<string, unknown> = {}): string[] {
  try {
    parseStacks({ prod: { ...base, ...stack, applications } });
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe("applications in cdktf.json", () => {
  it("accepts the three target kinds with their settings", () => {
    expect(
      problems({
        web: { lambda: { entry: ENTRY, handler: "index.main", runtime: "nodejs20.x", architecture: "x86_64", memorySize: 512, timeout: 10, environment: { STAGE: "prod" }, logRetentionDays: 365 } },
        old: { lambdaArn: "arn:aws:lambda:ap-northeast-1:111122223333:function:old:live", hostname: "legacy", priority: 300 },
        wiki: {
          http: { targetType: "ip", port: 8080, protocol: "HTTPS", targets: ["10.0.1.10", "172.16.0.5"], securityGroupId: "sg-0123456789abcdef0", healthCheck: { path: "/health", matcher: "200-399", intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 3 } },
          pathPatterns: ["/wiki/*"],
          accessAllowedEmailDomains: ["example.com"],
          accessSessionDuration: "8h",
        },
        ec2: { http: { targetType: "instance", port: 80, targets: ["i-0123456789abcdef0", "i-01234567"] } },
      }),
    ).toEqual([]);
  });

  it("refuses an empty or malformed applications object and bad keys", () => {
    expect(problems({})).toEqual(["stacks.prod.applications: must not be empty (leave the key out instead)"]);
    expect(problems(["web"])).toEqual(['stacks.prod.applications: expected an object keyed by name, got an array ["web"]']);
    expect(problems({ Web_App: { lambdaArn: "arn:aws:lambda:ap-northeast-1:111122223333:function:x" } })[0]).toMatch(
      /^stacks\.prod\.applications: key "Web_App" must be an application name: a lowercase letter/,
    );
  });

  it("needs exactly one target kind", () => {
    expect(problems({ web: {} })).toEqual([
      "stacks.prod.applications.web: give exactly one target: lambda (your code), lambdaArn (an existing function) or http (instances or IPs)",
    ]);
    expect(problems({ web: { lambdaArn: "arn:aws:lambda:ap-northeast-1:111122223333:function:x", http: { targetType: "ip", port: 80 } } })).toEqual([
      "stacks.prod.applications.web: give exactly one target: lambda (your code), lambdaArn (an existing function) or http (instances or IPs); got lambdaArn and http",
    ]);
  });

  it("names unknown keys inside an application, with a hint", () => {
    expect(problems({ web: { lambda: { entry: ENTRY, memory: 256 } } })[0]).toMatch(
      /^stacks\.prod\.applications\.web\.lambda\.memory: unknown key \(did you mean "memorySize"\?\)/,
    );
  });

  it("refuses hostnames that collide or are not DNS labels", () => {
    const arn = "arn:aws:lambda:ap-northeast-1:111122223333:function:x";
    expect(problems({ web: { lambdaArn: arn }, www: { lambdaArn: arn, hostname: "web" } })).toEqual([
      'stacks.prod.applications.www.hostname: "web" is also the hostname of applications.web; each application needs its own',
    ]);
    expect(problems({ web: { lambdaArn: arn, hostname: "Web.App" } })[0]).toMatch(/^stacks\.prod\.applications\.web\.hostname: "Web\.App" must be a DNS label/);
  });

  it("refuses duplicate, too many or invalid path patterns", () => {
    const arn = "arn:aws:lambda:ap-northeast-1:111122223333:function:x";
    expect(problems({ web: { lambdaArn: arn, pathPatterns: ["/a/*", "/a/*"] } })).toEqual([
      'stacks.prod.applications.web.pathPatterns[1]: "/a/*" is given twice',
    ]);
    expect(problems({ web: { lambdaArn: arn, pathPatterns: ["/a", "/b", "/c", "/d", "/e"] } })).toEqual([
      "stacks.prod.applications.web.pathPatterns: 5 patterns; at most 4 (a listener rule takes 5 condition values and the host header uses one)",
    ]);
    expect(problems({ web: { lambdaArn: arn, pathPatterns: ["/a b"] } })[0]).toMatch(/^stacks\.prod\.applications\.web\.pathPatterns\[0\]: "\/a b" must be a path pattern/);
    expect(problems({ web: { lambdaArn: arn, pathPatterns: [] } })).toEqual(["stacks.prod.applications.web.pathPatterns: must not be empty"]);
  });

  it("derives priorities 100, 110, … from the order and refuses collisions with explicit ones", () => {
    const arn = "arn:aws:lambda:ap-northeast-1:111122223333:function:x";
    expect(problems({ a: { lambdaArn: arn }, b: { lambdaArn: arn, priority: 100 } })).toEqual([
      "stacks.prod.applications.b.priority: 100 is also the priority of applications.a; give each a distinct priority",
    ]);
    expect(problems({ a: { lambdaArn: arn, priority: 110 }, b: { lambdaArn: arn } })).toEqual([
      "stacks.prod.applications.b.priority: 110 (derived: 100 + 10 × position) is also the priority of applications.a; give each a distinct priority",
    ]);
    expect(problems({ a: { lambdaArn: arn, priority: 0 } })).toEqual(["stacks.prod.applications.a.priority: expected a whole number from 1 to 50000, got the number 0"]);
  });

  it("checks ports, protocols and health-check values", () => {
    const http = (extra: object) => ({ web: { http: { targetType: "ip", port: 8080, ...extra } } });
    expect(problems(http({ port: 70000 }))).toEqual(["stacks.prod.applications.web.http.port: expected a whole number from 1 to 65535, got the number 70000"]);
    expect(problems(http({ protocol: "TCP" }))).toEqual(['stacks.prod.applications.web.http.protocol: expected one of "HTTP", "HTTPS", got the string "TCP"']);
    expect(problems({ web: { http: { port: 80 } } })).toEqual(["stacks.prod.applications.web.http.targetType: required"]);
    expect(problems(http({ healthCheck: { intervalSeconds: 4 } }))).toEqual([
      "stacks.prod.applications.web.http.healthCheck.intervalSeconds: expected a whole number from 5 to 300, got the number 4",
    ]);
    expect(problems(http({ healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } }))).toEqual([
      "stacks.prod.applications.web.http.healthCheck.timeoutSeconds: 10 must be less than intervalSeconds (10)",
    ]);
    expect(problems(http({ healthCheck: { timeoutSeconds: 30 } }))).toEqual([
      "stacks.prod.applications.web.http.healthCheck.timeoutSeconds: 30 must be less than intervalSeconds (30, the default)",
    ]);
    expect(problems(http({ healthCheck: { matcher: "500" } }))[0]).toMatch(/healthCheck\.matcher: "500" must be HTTP codes from 200 to 499/);
    expect(problems(http({ healthCheck: { path: "health" } }))[0]).toMatch(/healthCheck\.path: "health" must be a path starting with \//);
    expect(problems(http({ healthCheck: { healthyThreshold: 1 } }))[0]).toMatch(/healthyThreshold: expected a whole number from 2 to 10/);
    expect(problems(http({ securityGroupId: "sg-xyz" }))[0]).toMatch(/securityGroupId: "sg-xyz" must be a security group ID/);
  });

  it("checks target IDs and IPs against the target type", () => {
    expect(problems({ web: { http: { targetType: "ip", port: 80, targets: ["8.8.8.8", "10.0.0.1", "10.0.0.1", "i-0123456789abcdef0"] } } })).toEqual([
      'stacks.prod.applications.web.http.targets[0]: "8.8.8.8" must be a private IPv4 address (in 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10): an ALB registers no public IP as a target (targetType "ip")',
      'stacks.prod.applications.web.http.targets[2]: "10.0.0.1" is given twice',
      'stacks.prod.applications.web.http.targets[3]: "i-0123456789abcdef0" must be a private IPv4 address (in 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10): an ALB registers no public IP as a target (targetType "ip")',
    ]);
    expect(problems({ web: { http: { targetType: "instance", port: 80, targets: ["10.0.0.1"] } } })).toEqual([
      'stacks.prod.applications.web.http.targets[0]: "10.0.0.1" must be an EC2 instance ID (i- and 8 or 17 hexadecimal characters) (targetType "instance")',
    ]);
  });

  it("refuses an entry that does not exist, a folder, or a file that is not TypeScript or JavaScript", () => {
    expect(problems({ web: { lambda: { entry: "apps/missing.ts" } } })).toEqual([
      `stacks.prod.applications.web.lambda.entry: file "apps/missing.ts" not found (relative to ${process.cwd()})`,
    ]);
    expect(problems({ web: { lambda: { entry: "__tests__/fixtures" } } })).toEqual(['stacks.prod.applications.web.lambda.entry: "__tests__/fixtures" is a folder; give a file']);
    expect(problems({ web: { lambda: { entry: "examples/certs/ca-bundle.pem" } } })).toEqual([
      'stacks.prod.applications.web.lambda.entry: "examples/certs/ca-bundle.pem" must be a TypeScript or JavaScript file (.ts, .mts, .cts, .js, .mjs, .cjs)',
    ]);
  });

  it("checks the function settings and refuses reserved environment names", () => {
    const lambda = (extra: object) => ({ web: { lambda: { entry: ENTRY, ...extra } } });
    expect(problems(lambda({ runtime: "nodejs16.x" }))[0]).toMatch(/lambda\.runtime: expected one of "nodejs20\.x", "nodejs22\.x"/);
    expect(problems(lambda({ memorySize: 64 }))[0]).toMatch(/lambda\.memorySize: expected a whole number from 128 to 10240/);
    expect(problems(lambda({ timeout: 901 }))[0]).toMatch(/lambda\.timeout: expected a whole number from 1 to 900/);
    expect(problems(lambda({ logRetentionDays: 10 }))[0]).toMatch(/lambda\.logRetentionDays: expected one of 1, 3, 5, 7, 14, 30,/);
    expect(problems(lambda({ handler: "main.handler" }))[0]).toMatch(/lambda\.handler: "main\.handler" must be "index\.<exported function>"/);
    expect(problems(lambda({ environment: { "1BAD": "x" } }))[0]).toMatch(/lambda\.environment: key "1BAD" must be an environment variable name/);
    expect(problems(lambda({ environment: { GOOD: 1 } }))).toEqual(["stacks.prod.applications.web.lambda.environment.GOOD: expected a string, got the number 1"]);
    expect(problems(lambda({ environment: { AWS_REGION: "x", ACCESS_AUD: "y" } }))).toEqual([
      "stacks.prod.applications.web.lambda.environment.AWS_REGION: reserved (by Lambda); choose another name",
      "stacks.prod.applications.web.lambda.environment.ACCESS_AUD: reserved (the stack sets it for the gate); choose another name",
    ]);
  });

  it("refuses a lambdaArn that is not a Lambda function ARN", () => {
    expect(problems({ web: { lambdaArn: "arn:aws:s3:::bucket" } })[0]).toMatch(/^stacks\.prod\.applications\.web\.lambdaArn: "arn:aws:s3:::bucket" must be a Lambda function ARN/);
  });

  it("checks names derived from baseName and the key, and target group collisions", () => {
    const long = "a-rather-long-application-name";
    expect(problems({ [long]: { http: { targetType: "ip", port: 80 } } })).toEqual([
      `stacks.prod.applications.${long}: the target group name "gate-${long}" (baseName-key) must be 1–32 characters: letters, digits and hyphens, not starting or ending with a hyphen; shorten the key or baseName, or set targetGroupName`,
    ]);
    expect(problems({ [long]: { http: { targetType: "ip", port: 80 }, targetGroupName: "short" } })).toEqual([]);
    expect(problems({ a: { lambdaArn: "arn:aws:lambda:ap-northeast-1:111122223333:function:x", targetGroupName: "gate-b" }, b: { http: { targetType: "ip", port: 80 } } })).toEqual([
      'stacks.prod.applications.b.targetGroupName: "gate-b" is also the target group of applications.a',
    ]);
  });

  it("needs someone to be let in: an e-mail or domain, the application's or the stack's", () => {
    const arn = "arn:aws:lambda:ap-northeast-1:111122223333:function:x";
    expect(problems({ web: { lambdaArn: arn, accessAllowedEmail: [] } })).toEqual([
      "stacks.prod.applications.web: no e-mail and no e-mail domain for its Access policy (its own or the stack's): nobody could log in",
    ]);
    expect(problems({ web: { lambdaArn: arn, accessAllowedEmail: [], accessAllowedEmailDomains: ["example.com"] } })).toEqual([]);
  });

  it("refuses the stack keys of the single default application, and adoptReference", () => {
    const apps = { web: { lambdaArn: "arn:aws:lambda:ap-northeast-1:111122223333:function:x" } };
    expect(problems(apps, { applicationName: "x", targetGroupName: "y", adoptReference: true })).toEqual([
      "stacks.prod.applicationName: names the stack's single default application; with applications, set hostname / targetGroupName on each",
      "stacks.prod.targetGroupName: names the stack's single default application; with applications, set hostname / targetGroupName on each",
      "stacks.prod.adoptReference: moves the reference's single application; adopt first, then add applications in a later change",
    ]);
  });

  describe("pass-through mode", () => {
    const passthrough = { mtls: { mode: "passthrough" } };
    it("refuses http and lambdaArn targets, saying why, unless they verify the certificate themselves", () => {
      const got = problems({ wiki: { http: { targetType: "ip", port: 80 } }, old: { lambdaArn: "arn:aws:lambda:ap-northeast-1:111122223333:function:x" } }, passthrough);
      expect(got).toHaveLength(2);
      expect(got[0]).toBe(
        'stacks.prod.applications.wiki: mtls.mode is "passthrough": the ALB forwards the client certificate without verifying it, and requests without one reach the target too. The project cannot make an http target verify it. Use mode "verify", or set verifiesClientCertificate: true if the target checks x-amzn-mtls-clientcert itself',
      );
      expect(got[1]).toMatch(/^stacks\.prod\.applications\.old: .*cannot make an existing function \(lambdaArn\) verify it/);
      expect(problems({ wiki: { http: { targetType: "ip", port: 80 }, verifiesClientCertificate: true } }, passthrough)).toEqual([]);
    });

    it("allows lambda entries (the stack wires the gate)", () => {
      expect(problems({ web: { lambda: { entry: ENTRY } } }, passthrough)).toEqual([]);
    });

    it("verifiesClientCertificate applies to pass-through only", () => {
      expect(problems({ web: { lambda: { entry: ENTRY }, verifiesClientCertificate: true } })).toEqual([
        'stacks.prod.applications.web.verifiesClientCertificate: applies to mtls.mode "passthrough" only (in "verify" mode the ALB verifies)',
      ]);
    });
  });

  it("checks allow-listed subjects as RFC 4514 names, as the gate parses them", () => {
    expect(problems({ web: { lambda: { entry: ENTRY } } }, { mtls: { mode: "passthrough", allowedSubjects: ["CN=Smith\\, John,O=Acme", "CN=a;b"] } })).toEqual([
      expect.stringMatching(/^stacks\.prod\.mtls\.allowedSubjects\[1\]: not an RFC 4514 name \(";" must be escaped at character 5 of "CN=a;b"\); escape/),
    ]);
  });

  it("reports every problem at once, each with its path", () => {
    const got = problems({
      a: { http: { targetType: "ip", port: 0, targets: ["8.8.8.8"] } },
      b: { lambda: { entry: "missing.ts", timeout: 0 }, hostname: "a" },
    });
    expect(got.map((p) => p.split(":")[0])).toEqual([
      "stacks.prod.applications.a.http.port",
      "stacks.prod.applications.b.lambda.entry",
      "stacks.prod.applications.b.lambda.timeout",
    ]);
  });
});
