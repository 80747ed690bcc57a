import { ConfigError, parseStacks } from "../stacks/config";

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
