/**
 * The two routes a stack's props take, for specs that check both give the same refusals: a
 * TypeScript-authored AlbMtlsStack, and the same props as a cdktf.json entry (`stacks.prod`).
 */
import { Testing } from "cdktf";
import { PropsError } from "../constructs/errors";
import { AlbMtlsStack, type AlbMtlsStackProps } from "../stacks/alb-mtls-stack";
import { ConfigError, parseStacks } from "../stacks/config";

const app = Testing.app({ fakeCdktfJsonPath: true });
let stacks = 0;

/** The problems of the props as a TypeScript-authored stack (`prod<n>`) reports them, or [] when it is made. */
export function fromTypeScript(props: AlbMtlsStackProps): string[] {
  try {
    new AlbMtlsStack(app, `prod${stacks++}`, props);
  } catch (e) {
    if (e instanceof PropsError) return [...e.problems];
    throw e;
  }
  return [];
}

/** The same props as a cdktf.json entry: its problems with the `stacks.prod.` prefix taken off. */
export function fromJson(props: object): string[] {
  try {
    parseStacks({ prod: JSON.parse(JSON.stringify(props)) });
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => p.replace(/^stacks\.prod\./, ""));
    throw e;
  }
  return [];
}
