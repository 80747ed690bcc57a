import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Testing } from "cdktf";
import type { AlbMtlsStackProps } from "../stacks/alb-mtls-stack";
import { ReadableStack } from "../stacks/readable-stack";

/** The synthesized Terraform JSON, loosely typed for assertions. */
export type TfJson = {
  resource: Record<string, Record<string, Record<string, any>>>;
  data: Record<string, Record<string, Record<string, any>>>;
  variable?: Record<string, Record<string, any>>;
  provider?: Record<string, Record<string, any>[]>;
  terraform: Record<string, any>;
};

/**
 * One output folder for the apps the helpers make (a testing app makes one of its own otherwise,
 * each time): they only synthesize in memory, and the folder is in the run's temporary folder.
 */
const outdir = mkdtempSync(join(tmpdir(), "cdktf.outdir."));
const testingApp = () => Testing.app({ fakeCdktfJsonPath: true, outdir });

/**
 * Synthesizes what `build` adds to a fresh stack with readable addresses (`alb_https`), and returns
 * both the JSON text (for the cdktf matchers) and the parsed object (for wiring assertions).
 */
export function synth(build: (stack: ReadableStack) => void): { text: string; json: TfJson } {
  const stack = new ReadableStack(testingApp(), "test");
  build(stack);
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) };
}

/** The only resource (or data source, with kind "data") of a type; fails if there are 0 or several. */
export function only(json: TfJson, type: string, kind: "resource" | "data" = "resource"): { name: string; body: Record<string, any> } {
  const entries = Object.entries(json[kind]?.[type] ?? {});
  if (entries.length !== 1) throw new Error(`expected exactly one ${kind} ${type}, found ${entries.length}`);
  const [name, body] = entries[0];
  return { name, body };
}

/** `${type.name.attr}` (resource) or `${data.type.name.attr}` reference to the only block of that type. */
export function ref(json: TfJson, type: string, attr: string, kind: "resource" | "data" = "resource"): string {
  const { name } = only(json, type, kind);
  return `\${${kind === "data" ? "data." : ""}${type}.${name}.${attr}}`;
}

/** The built handlers (global setup builds them), for constructs that take a built file. */
export const HANDLERS = { echo: ".build/functions/echo/index.mjs", guard: ".build/functions/guard/index.mjs" };

/** Synthesized Terraform JSON (text) by stack name and props, for props that are plain data. */
const synthesized = new Map<string, string>();

/**
 * Synthesized JSON of an AlbMtlsStack named `name` with these props (its handlers: the default
 * builds). Props that are plain data are synthesized once per group of specs: a repeated call
 * parses the same text again, so every caller gets its own object.
 */
export function synthStack(props: AlbMtlsStackProps = {}, name = "article"): TfJson & Record<string, any> {
  const key = plainData(props) ? JSON.stringify([name, props]) : undefined;
  let text = key === undefined ? undefined : synthesized.get(key);
  if (text === undefined) {
    // Loaded on first use: a file that tests one construct does not load every construct and provider binding.
    const { AlbMtlsStack } = require("../stacks/alb-mtls-stack") as typeof import("../stacks/alb-mtls-stack");
    text = Testing.synth(new AlbMtlsStack(testingApp(), name, props));
    if (key !== undefined) synthesized.set(key, text);
  }
  return JSON.parse(text);
}

/** True for strings, numbers, booleans, arrays and plain objects of them (no tokens, functions or class instances). */
function plainData(value: unknown): boolean {
  if (value === null || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value === "string") return !value.includes("${"); // a token's text
  if (Array.isArray(value)) return value.every(plainData);
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(plainData);
  return false;
}
