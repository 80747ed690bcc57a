// The real providers of the Terraform stage: found in the real mirrors (TF_PROVIDER_MIRROR, else
// /opt/tf-plugins), unpacked where a mirror is packed (the zip layout `terraform providers mirror`
// writes), started once each in their debug mode, and checked: a provider the stage was given
// that it cannot use (its version fits no stack, it will not start, it says it is another
// version) is a problem, and so is a provider the project's CI must judge with that has no real
// copy (REQUIRED_UNDER_CI). check.mjs stops on any problem under CI and says each one with its
// fix; elsewhere it warns.
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, openSync, readFileSync, readSync, closeSync, readdirSync, rmSync, statSync, writeFileSync, chmodSync, fstatSync } from "node:fs";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createInflateRaw } from "node:zlib";
import { TARGET, satisfies } from "./provider-mirror.mjs";

/**
 * Providers the project's CI judges with the real provider, never with a stand-in: the
 * reference track's AWS provider, which the CI machine has in its plugin folder. Missing, it is a
 * problem (an error under CI, a warning elsewhere).
 */
export const REQUIRED_UNDER_CI = [{ source: "hashicorp/aws", constraint: "~> 5.0" }];

/** Real providers in a mirror folder: `{ source, version, dir }` unpacked, `{ …, zip }` packed. */
export function findRealProviders(root, target = TARGET) {
  const found = [];
  const hostDir = join(root, "registry.terraform.io");
  if (!existsSync(hostDir)) return found;
  for (const ns of readdirSync(hostDir)) {
    for (const name of readdirSync(join(hostDir, ns))) {
      const dir = join(hostDir, ns, name);
      for (const entry of readdirSync(dir)) {
        const packed = new RegExp(`^terraform-provider-${name}_([\\d.]+)_${target}\\.zip$`).exec(entry);
        if (packed) found.push({ source: `${ns}/${name}`, version: packed[1], zip: join(dir, entry) });
        else if (/^\d+\.\d+\.\d+$/.test(entry) && existsSync(join(dir, entry, target))) found.push({ source: `${ns}/${name}`, version: entry, dir: join(dir, entry, target) });
      }
    }
  }
  return found;
}

/**
 * Which real provider serves each (source, constraint) the stacks require, and what is wrong.
 * `found`: findRealProviders' entries; `wanted`: source → Set of constraints (requiredProviders);
 * `required`: (source, constraint) pairs that must be real (REQUIRED_UNDER_CI under CI);
 * `explicit`: the mirrors were named (TF_PROVIDER_MIRROR), so each of their providers is meant to be used.
 * Returns { chosen: [{ source, version, constraints, provider }], problems: [text], unused: [text] }.
 */
export function chooseRealProviders(found, wanted, required = [], { explicit = true } = {}) {
  const chosen = [];
  const problems = [];
  const unused = [];
  for (const [source, constraints] of wanted) {
    for (const constraint of constraints) {
      const fits = found.filter((p) => p.source === source && satisfies(p.version, constraint));
      const best = fits.sort((a, b) => (satisfies(a.version, `> ${b.version}`) ? -1 : 1))[0];
      if (!best) continue;
      const at = chosen.find((c) => c.provider === best);
      if (at) at.constraints.push(constraint);
      else chosen.push({ source, version: best.version, constraints: [constraint], provider: best });
    }
  }
  for (const p of found) {
    if (chosen.some((c) => c.provider === p) || !wanted.has(p.source)) continue;
    // Given for a provider the stacks use, in a version none of them can use: the judge would
    // silently be a stand-in. (A provider of the machine's own plugin folder that the stacks
    // checked this time do not need, `--only` the current track, is only said.)
    (explicit ? problems : unused).push(`${p.source} ${p.version} (${p.zip ?? p.dir}) fits none of the stacks' constraints (${[...wanted.get(p.source)].join(", ")}): put a version that fits in the mirror`);
  }
  for (const { source, constraint } of required) {
    const needs = [...(wanted.get(source) ?? [])].filter((c) => c === constraint);
    if (needs.length && !chosen.some((c) => c.source === source && c.constraints.includes(constraint))) {
      problems.push(`no real ${source} for "${constraint}" in ${found.length ? "the real mirrors" : "any real mirror"}: the stage must judge those stacks with the real provider under CI. Put it in /opt/tf-plugins or a folder named by TF_PROVIDER_MIRROR (\`terraform providers mirror <dir>\` in a stack folder fills one)`);
    }
  }
  return { chosen, problems, unused };
}

/**
 * What the stage does about the problems: under CI it stops (`fail`), never falling back to a
 * stand-in; elsewhere it warns and the stacks those providers were for are judged by stand-ins.
 * `message` says each problem with its fix; empty when there is none.
 */
export function realProviderVerdict(problems, { ci, mirrors }) {
  if (!problems.length) return { fail: false, message: "" };
  const lines = problems.map((p) => `  - ${p}`).join("\n");
  if (ci) {
    return {
      fail: true,
      message: `terraform: the real providers the stage was given cannot all be used (real mirrors: ${mirrors.join(", ") || "none"}):\n${lines}\nUnder CI the stage does not fall back to a stand-in. See docs/terraform-check.md#which-providers-are-real`,
    };
  }
  return { fail: false, message: `terraform: WARNING, real providers not used; the stacks they were for are judged by stand-ins (under CI this fails):\n${lines}` };
}

// ---- packed mirrors ----------------------------------------------------------------------------

/** The entries of a zip file (central directory): name, method, sizes, where its data starts. */
export function zipEntries(file) {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    readSync(fd, tail, 0, tailLength, size - tailLength);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error(`${file}: not a zip file (no end of central directory)`);
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff) throw new Error(`${file}: a zip64 archive, which this reader does not read; unpack it (\`unzip\`) into <version>/${TARGET}/ beside it`);
    const cd = Buffer.alloc(cdSize);
    readSync(fd, cd, 0, cdSize, cdOffset);
    const entries = [];
    for (let at = 0, i = 0; i < count; i++) {
      if (cd.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: a damaged central directory`);
      const nameLength = cd.readUInt16LE(at + 28);
      const entry = {
        name: cd.toString("utf8", at + 46, at + 46 + nameLength),
        method: cd.readUInt16LE(at + 10),
        compressedSize: cd.readUInt32LE(at + 20),
        size: cd.readUInt32LE(at + 24),
        headerOffset: cd.readUInt32LE(at + 42),
      };
      const local = Buffer.alloc(30);
      readSync(fd, local, 0, 30, entry.headerOffset);
      entry.dataOffset = entry.headerOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      entries.push(entry);
      at += 46 + nameLength + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

/**
 * Unpacks a packed mirror's provider zip into `dir` (once: a stamp keyed by the zip's size and
 * time), executables marked so. Returns `dir`.
 */
export async function unpackProvider(zip, dir) {
  const stat = statSync(zip);
  const stampFile = join(dir, ".unpacked-from");
  const stamp = `${zip}|${stat.size}|${stat.mtimeMs}`;
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of zipEntries(zip)) {
    if (entry.name.endsWith("/") || entry.name.includes("..")) continue;
    if (![0, 8].includes(entry.method)) throw new Error(`${zip}: ${entry.name} is compressed with method ${entry.method}; only stored and deflated entries are read`);
    const to = join(dir, entry.name);
    mkdirSync(dirname(to), { recursive: true });
    const data = entry.compressedSize ? createReadStream(zip, { start: entry.dataOffset, end: entry.dataOffset + entry.compressedSize - 1 }) : [Buffer.alloc(0)];
    await pipeline(...(entry.method === 8 ? [data, createInflateRaw()] : [data]), createWriteStream(to));
    if (statSync(to).size !== entry.size) throw new Error(`${zip}: ${entry.name} unpacked to ${statSync(to).size} bytes, the zip says ${entry.size}`);
    if (entry.name.startsWith("terraform-provider-")) chmodSync(to, 0o755);
  }
  writeFileSync(stampFile, stamp);
  return dir;
}

// ---- started once ------------------------------------------------------------------------------

/**
 * Starts one real provider in its debug mode (`-debug`, which every provider built on HashiCorp's
 * plugin libraries has: it serves until ended and prints the TF_REATTACH_PROVIDERS value to
 * attach to it). Resolves with { reattach, child } or { problem }. The version the provider
 * announces must be the mirror's.
 */
export function startRealProvider({ source, version, dir }, socketDir, timeoutMs = 60_000) {
  const exe = existsSync(dir) && readdirSync(dir).find((f) => f.startsWith("terraform-provider-"));
  if (!exe) return Promise.resolve({ problem: `${source} ${version}: no terraform-provider-* executable in ${dir}` });
  mkdirSync(socketDir, { recursive: true });
  // Its socket goes in the stage's own folder, not the system temp directory.
  const child = spawn(join(dir, exe), ["-debug"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TMPDIR: socketDir } });
  return new Promise((resolve) => {
    let out = "";
    const fail = (why) => {
      clearTimeout(timer);
      child.kill();
      resolve({ problem: `${source} ${version} (${join(dir, exe)}) ${why}: the stage cannot attach to it${out.trim() ? `. It printed:\n${out.trim().split("\n").slice(-5).join("\n")}` : ""}` });
    };
    const timer = setTimeout(() => fail(`printed no TF_REATTACH_PROVIDERS line in ${timeoutMs / 1000} s`), timeoutMs);
    const take = (d) => {
      out += d;
      const said = /Starting \S+@v?([\d.]+)\s/.exec(out)?.[1];
      if (said && said !== version) return fail(`says it is ${said}, not the ${version} its folder names`);
      const m = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(out);
      if (!m) return;
      let reattach;
      try {
        reattach = Object.values(JSON.parse(m[1]))[0];
      } catch {
        return fail("printed a TF_REATTACH_PROVIDERS line that is not JSON");
      }
      clearTimeout(timer);
      resolve({ reattach, child });
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", (e) => fail(`could not be started (${e.message})`));
    // "close", not "exit": by then everything it printed has been read.
    child.on("close", (code) => fail(`exited with ${code} before it served`));
  });
}

/**
 * Unpacks and starts every chosen real provider. Resolves with { started: [{ source, version,
 * constraints, reattach, from }], problems, stop() }.
 */
export async function startRealProviders(chosen, { buildDir }) {
  const problems = [];
  const children = [];
  const started = [];
  await Promise.all(
    chosen.map(async (c) => {
      let dir = c.provider.dir;
      if (c.provider.zip) {
        try {
          dir = await unpackProvider(c.provider.zip, join(buildDir, "unpacked", c.source, c.version, TARGET));
        } catch (e) {
          problems.push(`${c.source} ${c.version}: the packed mirror's zip could not be unpacked (${e.message})`);
          return;
        }
      }
      const r = await startRealProvider({ source: c.source, version: c.version, dir }, join(buildDir, "sockets"));
      if (r.problem) return problems.push(r.problem);
      children.push(r.child);
      started.push({ ...c, reattach: r.reattach, from: c.provider.zip ?? c.provider.dir });
    }),
  );
  return {
    started,
    problems,
    stop() {
      for (const child of children) child.kill();
    },
  };
}
