/**
 * A stack written in TypeScript gets every refusal a cdktf.json entry gets, from the same props,
 * with the same message naming the prop path: AlbMtlsStack checks its props (all problems at
 * once) and the config parser calls the same checks.
 */
import { Fn, Testing } from "cdktf";
import { AlbTarget } from "../../constructs/alb-target";
import { GateApplication } from "../../constructs/gate-application";
import { LambdaTarget } from "../../constructs/targets/lambda-target";
import { AlbMtlsStack, type AlbMtlsStackProps } from "../../stacks/alb-mtls-stack";
import { parseStacks } from "../../stacks/config";
import { synth, synthStack } from "../helpers";
import { fromJson, fromTypeScript } from "../prop-routes";

const ARN = "arn:aws:lambda:ap-northeast-1:111122223333:function:x";
const base = { baseName: "gate", accessAllowedEmail: ["a@example.com"] };
const app = Testing.app({ fakeCdktfJsonPath: true });

/** Both routes refuse the props with the same problems (seen through `view`); returns them. */
function refused(props: AlbMtlsStackProps, view = (problem: string) => problem): string[] {
  const problems = fromTypeScript(props).map(view);
  expect(problems).not.toEqual([]);
  expect(fromJson(props).map(view)).toEqual(problems);
  return problems;
}

describe("AlbMtlsStack written in TypeScript: the refusals of cdktf.json, from the same props", () => {
  it("refuses an application hostname that is not one DNS label (the zone is appended)", () => {
    expect(refused({ ...base, applications: { greeter: { lambdaArn: ARN, hostname: "greeter.eu" } } })).toEqual([
      'applications.greeter.hostname: "greeter.eu" must be a DNS label: 1–63 lowercase letters, digits and hyphens, not starting or ending with a hyphen; the stack appends the Cloudflare zone ("greeter" becomes greeter.<zone>)',
    ]);
  });

  it("refuses two applications with the same hostname", () => {
    expect(refused({ ...base, applications: { web: { lambdaArn: ARN }, www: { lambdaArn: ARN, hostname: "web" } } })).toEqual([
      'applications.www.hostname: "web" is also the hostname of applications.web; each application needs its own',
    ]);
  });

  it("refuses a path pattern that does not start with / (it would never match)", () => {
    expect(refused({ ...base, applications: { grafana: { lambdaArn: ARN, pathPatterns: ["/grafana", "grafana/*"] } } })).toEqual([
      `applications.grafana.pathPatterns[1]: "grafana/*" must be a path pattern of 1–128 characters starting with / (or a * wildcard): letters, digits and _ - . $ / ~ " ' @ : + & * ?, e.g. /api/*`,
    ]);
    expect(fromTypeScript({ ...base, applications: { images: { lambdaArn: ARN, pathPatterns: ["*.png"] } } })).toEqual([]);
  });

  it("names unknown keys, with a hint, where the compiler cannot see them (a variable, a spread)", () => {
    const wiki = { lambdaArn: ARN, hostName: "docs" };
    const options = { regoin: "eu-west-1" };
    // The lists of allowed keys differ by `handlers`, which only TypeScript passes.
    expect(refused({ ...base, ...options, applications: { wiki } }, (p) => p.replace(/; allowed keys: .*/, ""))).toEqual([
      'regoin: unknown key (did you mean "region"?)',
      'applications.wiki.hostName: unknown key (did you mean "hostname"?)',
    ]);
  });

  it("names a missing Lambda entry once, with the folder relative paths start at", () => {
    expect(refused({ ...base, applications: { myapp: { lambda: { entry: "myapp/greter.ts" } } } })).toEqual([
      `applications.myapp.lambda.entry: file "myapp/greter.ts" not found (relative to ${process.cwd()})`,
    ]);
  });

  it("refuses values a type allows but the cloud does not, and wrong types that get past the compiler", () => {
    const priority: number = 0;
    const memorySize = "256" as unknown as number;
    expect(refused({ ...base, region: "tokyo", applications: { web: { lambdaArn: ARN, priority }, api: { lambda: { entry: "examples/apps/hello/index.ts", memorySize } } } })).toEqual([
      'region: "tokyo" must be an AWS region code such as ap-northeast-1 or us-gov-west-1',
      "applications.web.priority: expected a whole number from 1 to 50000, got the number 0",
      'applications.api.lambda.memorySize: expected a whole number from 128 to 10240, got the string "256"',
    ]);
  });

  it("reports every problem at once, across keys and applications", () => {
    const problems = refused({
      ...base,
      mtls: { mode: "passthrough" },
      applications: {
        wiki: { http: { targetType: "ip", port: 8080, targets: ["8.8.8.8"] } },
        docs: { lambdaArn: ARN, hostname: "wiki", accessAllowedEmail: [] },
      },
    });
    expect(problems.map((p) => p.split(":")[0])).toEqual([
      "applications.wiki.http.targets[0]",
      "applications.wiki",
      "applications.docs.hostname",
      "applications.docs",
      "applications.docs",
    ]);
  });

  it("puts every problem in the error message, under the stack's path", () => {
    expect(() => new AlbMtlsStack(app, "two", { ...base, region: "tokyo", applications: { a: { lambdaArn: ARN, hostname: "a.b" } } })).toThrow(
      /^two: invalid props:\n {2}- region: "tokyo" must be .*\n {2}- applications\.a\.hostname: "a\.b" must be a DNS label/,
    );
    expect(() => new AlbMtlsStack(app, "one", { ...base, region: "tokyo" })).toThrow(/^one: region: "tokyo" must be an AWS region code/);
  });

  it("leaves Terraform tokens (a variable's value, a function) to Terraform", () => {
    expect(fromTypeScript({ ...base, hostZoneName: Fn.lower("AWS.EXAMPLE.COM"), applications: { web: { lambdaArn: ARN, pathPatterns: [Fn.lower("/WEB/*")] } } })).toEqual([]);
  });

  it("names a handlers file that is not there; cdktf.json has no handlers", () => {
    expect(fromTypeScript({ handlers: { echo: "nope/echo.mjs", guard: ".build/functions/guard/index.mjs" } })).toEqual([
      `handlers.echo: file "nope/echo.mjs" not found (relative to ${process.cwd()})`,
    ]);
    expect(fromJson({ handlers: { echo: "x", guard: "y" } })[0]).toMatch(/^handlers: unknown key; allowed keys: /);
  });
});

describe("the constructs refuse the same mistakes when used directly", () => {
  const target = { listenerArn: "arn:listener", functionName: "f", functionArn: ARN, priority: 10 };

  it("AlbTarget: a path pattern must start with / (or a * wildcard)", () => {
    expect(() => synth((s) => new AlbTarget(s, "t", { ...target, pathPatterns: ["/a/*", "grafana/*"] }))).toThrow(
      /^test\/t: pathPatterns\[1\] "grafana\/\*" must be a path pattern of 1–128 characters starting with \//,
    );
    expect(() => synth((s) => new AlbTarget(s, "t", { ...target, pathPattern: "*.png" }))).not.toThrow();
  });

  it("GateApplication: the hostname is a domain name", () => {
    expect(() =>
      synth(
        (s) =>
          new GateApplication(s, "app", {
            zoneId: "zone",
            hostname: "greeter eu",
            accessApplicationName: "greeter",
            originDomain: "origin.example.com",
            originPullCertificateId: "cert",
            accessAllowedEmail: ["a@example.com"],
            listenerArn: "arn:listener",
            priority: 10,
            target: new LambdaTarget({ functionName: "f", functionArn: ARN }),
            targetGroupName: "greeter",
          }),
      ),
    ).toThrow(/^test\/app: hostname "greeter eu" must be a domain name/);
  });
});

describe("the hostname refusal's hint shows the label the user meant", () => {
  const hint = (hostname: string, key = "greeter") =>
    /; the stack appends the Cloudflare zone \((.*)\)$/.exec(refused({ ...base, applications: { [key]: { lambdaArn: ARN, hostname } } })[0])?.[1];

  it("from what the user wrote: its first label, as a DNS label", () => {
    expect(hint("wiki.eu")).toBe('"wiki" becomes wiki.<zone>');
    expect(hint("Wiki")).toBe('"wiki" becomes wiki.<zone>');
    expect(hint("my_app.internal")).toBe('"my-app" becomes my-app.<zone>');
  });

  it("else from the application's key", () => {
    expect(hint(".eu", "portal")).toBe('"portal" becomes portal.<zone>');
  });
});

describe("tags: the AWS resources' default tags, per stack", () => {
  const defaultTags = (props: AlbMtlsStackProps) => synthStack(props, "tags").provider!.aws[0].default_tags[0].tags;

  it("default to the reference's Project and Terraform tags", () => {
    expect(defaultTags({})).toEqual({ Project: "alb-mtls-test", Terraform: "true" });
  });

  it("rename the project and add tags, from cdktf.json as from typed props", () => {
    const tags = { Project: "payments-gate", CostCenter: "cc-42" };
    const fromConfig = parseStacks({ s: { tags } }).s;
    expect(defaultTags(fromConfig)).toEqual({ Project: "payments-gate", Terraform: "true", CostCenter: "cc-42" });
    expect(defaultTags({ tags })).toEqual({ Project: "payments-gate", Terraform: "true", CostCenter: "cc-42" });
  });

  it("refuse a key or value AWS would refuse, naming it, on both routes", () => {
    expect(refused({ ...base, tags: { "aws:owner": "me", Team: "a;b" } })).toEqual([
      'tags: key "aws:owner" must be 1–128 characters: letters, digits, spaces and _ . : / = + - @, not starting with "aws:"',
      'tags.Team: "a;b" must be at most 256 characters: letters, digits, spaces and _ . : / = + - @',
    ]);
    expect(refused({ ...base, tags: {} })).toEqual(["tags: must not be empty (leave the key out instead)"]);
  });
});
