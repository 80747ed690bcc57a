import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { IConstruct } from "constructs";

/** The nearest folder at or above `from` that holds `file`, or undefined. */
export function findUp(file: string, from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, file))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Where relative file props (a Lambda entry, a CA bundle) start: cdktf.json's folder, as for
 * cdktf's own TerraformAsset (the `cdktfJsonPath` context the CLI sets, else the nearest cdktf.json
 * above the working directory), else the working directory.
 */
export function filesBase(scope: IConstruct): string {
  const cdktfJson: string | undefined = scope.node.tryGetContext("cdktfJsonPath");
  return cdktfJson ? dirname(cdktfJson) : (findUp("cdktf.json", process.cwd()) ?? process.cwd());
}
