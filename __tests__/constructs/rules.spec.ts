import { baseNameDerivations, problem, rules } from "../../constructs/rules";

const ok = (rule: { test(v: any): boolean }, ...values: unknown[]) => values.forEach((v) => expect({ v, ok: rule.test(v) }).toEqual({ v, ok: true }));
const bad = (rule: { test(v: any): boolean }, ...values: unknown[]) => values.forEach((v) => expect({ v, ok: rule.test(v) }).toEqual({ v, ok: false }));

describe("AWS name rules", () => {
  it("ALB names: 1–32, letters/digits/hyphens, no edge hyphen, not internal-", () => {
    ok(rules.albName, "a", "my-app-alb", "x".repeat(32));
    bad(rules.albName, "", "x".repeat(33), "-a", "a-", "my_app", "internal-app");
  });

  it("trust store names: groups joined by single hyphens, ≤ 32", () => {
    ok(rules.trustStoreName, "app-mtls", "x".repeat(32));
    bad(rules.trustStoreName, "x".repeat(33), "app--mtls", "app_mtls");
  });

  it("S3 bucket names", () => {
    ok(rules.s3BucketName, "abc", "my-app-mtls-bucket", "logs.example", "x".repeat(63));
    bad(rules.s3BucketName, "ab", "x".repeat(64), "My-Bucket", "a..b", "192.168.1.1", "xn--abc", "sthree-x", "amzn-s3-demo-x", "x-s3alias", "x--ol-s3", "-abc", "abc-");
  });

  it("Lambda function and IAM role names: ≤ 64", () => {
    ok(rules.lambdaFunctionName, "my_app-function", "x".repeat(64));
    bad(rules.lambdaFunctionName, "x".repeat(65), "my.app");
    ok(rules.iamRoleName, "my-app+role=1,2.@x", "x".repeat(64));
    bad(rules.iamRoleName, "x".repeat(65), "my role");
  });

  it("target group names", () => {
    ok(rules.targetGroupName, "lambda-target");
    bad(rules.targetGroupName, "x".repeat(33), "lambda_target");
  });
});

describe("DNS, e-mail, network and account rules", () => {
  it("domain names", () => {
    ok(rules.domainName, "example.com", "aws.example.co.jp", `${"a".repeat(63)}.com`);
    bad(rules.domainName, "localhost", "exa mple.com", "-a.com", "a-.com", "example.com.", `${"a".repeat(64)}.com`, `${"a.".repeat(127)}com`);
  });

  it("e-mail addresses and e-mail domains", () => {
    ok(rules.email, "alice@example.com", "a.b+c@sub.example.co.jp");
    bad(rules.email, "alice", "alice@", "@example.com", "al ice@example.com", "alice@localhost");
    ok(rules.emailDomain, "example.com");
    bad(rules.emailDomain, "@example.com", "alice@example.com");
  });

  it("CIDRs and IPs", () => {
    ok(rules.cidr, "203.0.113.0/24", "0.0.0.0/0", "2001:db8::/32", "::/0");
    bad(rules.cidr, "203.0.113.0/33", "203.0.113.0", "256.0.0.0/8", "2001:db8::/129", "2001:db8:::1/64", "x/8");
    ok(rules.ipOrCidr, "203.0.113.7", "2001:db8::1", "203.0.113.0/24");
    bad(rules.ipOrCidr, "203.0.113", "example.com");
  });

  it("AWS regions, Cloudflare account IDs, Access session durations, listener priorities", () => {
    ok(rules.awsRegion, "ap-northeast-1", "us-gov-west-1", "eu-central-2", "cn-north-1");
    bad(rules.awsRegion, "tokyo", "ap-northeast", "AP-NORTHEAST-1");
    ok(rules.cloudflareAccountId, "0123456789abcdef0123456789ABCDEF");
    bad(rules.cloudflareAccountId, "0".repeat(31), "0".repeat(33), "g".repeat(32));
    ok(rules.sessionDuration, "72h", "30m", "1h30m", "0.5h", "45s");
    bad(rules.sessionDuration, "72", "3 days", "-1h", "1d", "");
    ok(rules.listenerPriority, 1, 100, 50000);
    bad(rules.listenerPriority, 0, 50001, 1.5);
  });
});

describe("names derived from base_name", () => {
  const breaks = (base: string) => baseNameDerivations.filter((d) => !d.rule.test(d.derive(base))).map((d) => d.what);

  it("accepts the reference's default", () => {
    expect(breaks("example-project-mtls")).toEqual([]);
  });

  it("a 28-character base breaks the trust store name first (<base>-mtls is 33)", () => {
    expect(breaks("a".repeat(27))).toEqual([]);
    expect(breaks("a".repeat(28))).toEqual(["trust store name"]);
  });

  it("upper case breaks only the bucket; an underscore breaks the ALB, trust store, bucket and DNS label", () => {
    expect(breaks("MyApp")).toEqual(["trust-store bucket"]);
    expect(breaks("my_app")).toEqual(["ALB name", "trust store name", "trust-store bucket", "origin domain's first label"]);
  });

  it("gives Terraform the same derived names", () => {
    expect(baseNameDerivations.map((d) => d.terraformDerive("var.base_name"))).toEqual([
      '"${var.base_name}-alb"',
      '"${var.base_name}-mtls"',
      '"${var.base_name}-mtls-bucket"',
      '"${var.base_name}-function"',
      '"${var.base_name}-function-role"',
      "var.base_name",
    ]);
  });
});

describe("problem messages", () => {
  it("name the path, show the value and state the rule", () => {
    expect(problem("stacks.prod.region", "tokyo", rules.awsRegion)).toBe(
      'stacks.prod.region: "tokyo" must be an AWS region code such as ap-northeast-1 or us-gov-west-1',
    );
    expect(problem("stacks.prod.baseName", "My_App", rules.albName, 'the ALB name "My_App-alb"')).toMatch(
      /^stacks\.prod\.baseName: "My_App" gives the ALB name "My_App-alb", which must be 1–32 characters/,
    );
  });

  it("Terraform forms test the expression they are given", () => {
    for (const [name, rule] of Object.entries(rules)) {
      expect({ name, mentions: rule.terraform("var.x").includes("var.x") }).toEqual({ name, mentions: true });
    }
  });
});
