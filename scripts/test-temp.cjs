/**
 * Test output in one folder per `npm test` run, and a check that nothing leaked outside it.
 *
 * `start()` (Jest's global setup) makes `<system temp>/alb-mtls-cdktf-test-XXXXXX` and points
 * `TMPDIR` at it before Jest starts its workers, so everything a test or a child process puts in
 * `os.tmpdir()` (cdktf's `Testing.app()` output folders `cdktf.outdir.*`, fixtures, servers'
 * files) lands there. `finish()` (global teardown) removes the folder and then fails the run if
 * the system temp directory gained an entry this project's tests make (`LEAK_PREFIXES`): such an
 * entry was written past `TMPDIR`, by a hard-coded path, and would pile up run after run.
 */
const { mkdtempSync, readdirSync, rmSync } = require("node:fs");
const { join } = require("node:path");

/** Names our tests (and cdktf's testing app) give their temporary folders. */
const LEAK_PREFIXES = ["cdktf.outdir.", "alb-mtls-", "client-cert-", "smoke-"];
const RUN_PREFIX = "alb-mtls-cdktf-test-";

const ours = (name) => LEAK_PREFIXES.some((prefix) => name.startsWith(prefix));

/**
 * Entries of `after` not in `before` that carry one of our prefixes. Another run's own folder
 * (`alb-mtls-cdktf-test-…`, a second checkout testing at the same time) is that run's to remove.
 */
function leftovers(before, after) {
  const seen = new Set(before);
  return after.filter((name) => ours(name) && !name.startsWith(RUN_PREFIX) && !seen.has(name)).sort();
}

function start(systemTmp) {
  const before = readdirSync(systemTmp);
  const runDir = mkdtempSync(join(systemTmp, RUN_PREFIX));
  return { systemTmp, runDir, before };
}

/** Removes the run's folder; returns what leaked into the system temp directory (empty when clean). */
function finish({ systemTmp, runDir, before }) {
  rmSync(runDir, { recursive: true, force: true });
  return leftovers(before, readdirSync(systemTmp));
}

module.exports = { LEAK_PREFIXES, RUN_PREFIX, leftovers, start, finish };
