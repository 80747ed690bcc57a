// npm run client-cert -- <stack> [--out-dir DIR] [--outputs-file FILE]
//
// Writes the client certificate and key that Terraform generated (stack outputs
// client_certificate_pem / client_private_key_pem) to <stack>-client.crt and <stack>-client.key
// with owner-only permissions, and prints the curl line for the origin. Replaces the reference's
// local_sensitive_file pair, so that no apply writes key files.
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { isMain } from "./is-main.mjs";
import { UsageError, parseArgs, readOutputs, runCommand } from "./stack-outputs.mjs";

const USAGE = `usage: npm run client-cert -- <stack> [--out-dir DIR] [--outputs-file FILE]

  <stack>               stack name from cdktf.json (outputs read with \`terraform output -json\`
                        in cdktf.out/stacks/<stack>)
  --out-dir DIR         where to write <stack>-client.crt and <stack>-client.key (default: .)
  --outputs-file FILE   a saved \`terraform output -json\` instead of running terraform`;

/**
 * The command, callable in-process (the tests do): paths are taken from `cwd`, lines printed with
 * `print` and `printError`; returns the exit code: 0 written, 1 failed (the reason is printed),
 * 2 a usage error.
 */
export function clientCertCommand(argv, { print = console.log, printError = console.error, cwd = process.cwd() } = {}) {
  return runCommand("client-cert", USAGE, () => main(argv, print, cwd), printError);
}

function main(argv, print, cwd) {
  const { options, positional } = parseArgs(argv, ["out-dir", "outputs-file"]);
  if (options.help) return void print(USAGE);
  if (positional.length !== 1) throw new UsageError(positional.length === 0 ? "missing <stack>" : "one <stack> at a time");
  const [stack] = positional;
  const outputs = readOutputs(stack, options["outputs-file"], cwd);
  const cert = outputs.client_certificate_pem;
  const key = outputs.client_private_key_pem;
  if (typeof cert !== "string" || typeof key !== "string") {
    throw new Error(
      `stack ${stack} has no client_certificate_pem/client_private_key_pem outputs: it brings its own certificate (certificates option), so the key never passed through Terraform`,
    );
  }
  const dir = resolve(cwd, options["out-dir"] ?? ".");
  mkdirSync(dir, { recursive: true });
  const files = { crt: join(dir, `${stack}-client.crt`), key: join(dir, `${stack}-client.key`) };
  for (const [file, content] of [[files.crt, cert], [files.key, key]]) {
    writeFileSync(file, content, { mode: 0o600 });
    chmodSync(file, 0o600); // also when the file existed with wider permissions
  }
  const show = (f) => relative(cwd, f) || f;
  print(`wrote ${show(files.crt)} and ${show(files.key)} (mode 0600)`);
  const origin = typeof outputs.origin_url === "string" ? outputs.origin_url : "https://<origin domain>";
  const curl = `curl --cert ${show(files.crt)} --key ${show(files.key)}`;
  const applications = outputs.applications && typeof outputs.applications === "object" ? Object.entries(outputs.applications) : [];
  if (applications.length === 0) print(`${curl} ${origin}/`);
  // One origin serves every application: the listener routes on the Host header.
  for (const [name, { url }] of applications) print(`${curl} -H 'Host: ${new URL(url).hostname}' ${origin}/   # ${name}`);
}

if (isMain(import.meta.url)) {
  process.exitCode = clientCertCommand(process.argv.slice(2));
}
