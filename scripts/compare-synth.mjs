// Compares two synth outputs (the `stacks/` folders of two cdktf.out), file by file:
// - byte for byte (the same app on Node 20, 22 and 24: scripts/node-versions.mjs);
// - or with `ignoreVersion`, each stack's cdk.tf.json as JSON with the library's version string
//   (`//.metadata.version`, e.g. "0.21.0" on cdktf, "0.24.0" on cdktn) left out, every other file
//   byte for byte (the same app on cdktf and on CDK Terrain: scripts/cdktn-check.mjs).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file under `dir`, relative to it, sorted. */
function files(dir) {
  const found = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push(relative(dir, path));
    }
  };
  if (existsSync(dir) && statSync(dir).isDirectory()) walk(dir);
  return found.sort();
}

/** A synthesized stack's JSON without the library's version string. */
export function withoutVersion(json) {
  const copy = structuredClone(json);
  if (copy?.["//"]?.metadata && typeof copy["//"].metadata === "object") delete copy["//"].metadata.version;
  return copy;
}

/** The first path (`a.b[2].c`) at which two JSON values differ, or undefined when they are equal. */
export function firstDifference(a, b, path = "") {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return path || "(root)";
  }
  if (Array.isArray(a)) {
    if (a.length !== b.length) return `${path} (length ${a.length} against ${b.length})`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  // Key order is part of the output (the file is written as it is), so it is compared too.
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  const key = keysA.find((k, i) => k !== keysB[i]) ?? keysB[keysA.length];
  if (key !== undefined || keysA.length !== keysB.length) return `${path ? `${path}.` : ""}${key ?? "(keys)"} (keys differ)`;
  for (const k of keysA) {
    const d = firstDifference(a[k], b[k], path ? `${path}.${k}` : k);
    if (d !== undefined) return d;
  }
  return undefined;
}

/**
 * The differences between two `stacks/` folders, one line each (`file: what`); empty when they
 * are the same. Compares the files present on either side.
 */
export function synthDifferences(dirA, dirB, { ignoreVersion = false } = {}) {
  const a = files(dirA);
  const b = files(dirB);
  if (a.length === 0) return [`${dirA}: no synthesized files`];
  const differences = [];
  for (const file of [...new Set([...a, ...b])].sort()) {
    if (!a.includes(file) || !b.includes(file)) {
      differences.push(`${file}: only in ${a.includes(file) ? dirA : dirB}`);
      continue;
    }
    const bytesA = readFileSync(join(dirA, file));
    const bytesB = readFileSync(join(dirB, file));
    if (ignoreVersion && file.endsWith("cdk.tf.json")) {
      const where = firstDifference(withoutVersion(JSON.parse(bytesA)), withoutVersion(JSON.parse(bytesB)));
      if (where !== undefined) differences.push(`${file}: differs at ${where}`);
    } else if (!bytesA.equals(bytesB)) {
      differences.push(`${file}: bytes differ`);
    }
  }
  return differences;
}
