import { join } from "node:path";
import { Testing } from "cdktf";
import { AlbMtlsStack, type AlbMtlsStackProps } from "../../stacks/alb-mtls-stack";
import { ConfigError, parseStacks } from "../../stacks/config";
import { HANDLERS, synthStack } from "../helpers";

const defaultTags = (json: Record<string, any>) => json.provider.aws[0].default_tags[0].tags;

function configProblems(entry: Record<string, unknown>): string[] {
  try {
    parseStacks({ s: entry }, join(__dirname, "..", ".."));
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}
function propsProblems(props: Partial<AlbMtlsStackProps>): string {
  try {
    new AlbMtlsStack(Testing.app({ fakeCdktfJsonPath: true }), "s", { handlers: HANDLERS, ...props });
  } catch (e) {
    return (e as Error).message;
  }
  return "";
}

describe("tags: the AWS resources' default tags, per stack", () => {
  it("default to the reference's Project and Terraform tags", () => {
    expect(defaultTags(synthStack())).toEqual({ Project: "alb-mtls-test", Terraform: "true" });
  });

  it("rename the project and add tags, in cdktf.json and in typed props alike", () => {
    const tags = { Project: "payments-gate", CostCenter: "cc-42" };
    const fromJson = parseStacks({ s: { tags } }, join(__dirname, "..", "..")).s;
    expect(defaultTags(synthStack(fromJson, "s"))).toEqual({ Project: "payments-gate", Terraform: "true", CostCenter: "cc-42" });
    expect(defaultTags(synthStack({ tags }, "t"))).toEqual({ Project: "payments-gate", Terraform: "true", CostCenter: "cc-42" });
  });

  it("refuse a key or value AWS would refuse, naming it, on both routes", () => {
    const bad = { "aws:owner": "me", Team: "a;b" };
    expect(configProblems({ tags: bad })).toEqual([
      'stacks.s.tags: key "aws:owner" must be 1–128 characters: letters, digits, spaces and _ . : / = + - @, not starting with "aws:"',
      'stacks.s.tags.Team: "a;b" must be at most 256 characters: letters, digits, spaces and _ . : / = + - @',
    ]);
    const message = propsProblems({ tags: bad });
    expect(message).toContain('tags: key "aws:owner" must be 1–128 characters');
    expect(message).toContain('tags.Team: "a;b" must be at most 256 characters');
    expect(configProblems({ tags: {} })).toEqual(["stacks.s.tags: must not be empty (leave the key out instead)"]);
  });
});
