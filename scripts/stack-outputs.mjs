// Reads a stack's Terraform outputs: `terraform output -json` in cdktf.out/stacks/<stack> (the
// folder `cdktf deploy` ran in; honours CDKTF_OUTDIR), or a saved copy of that JSON given with
// --outputs-file (how Terraform Cloud users use it). Returns { name: value }. Also what the
// commands share: their arguments, failures, and reading what Terraform prints in a stack folder.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export class UsageError extends Error {}

/**
 * A failure of command `name` as it ends: the message printed as `<name>: <message>` (and the
 * usage, for a usage error); the exit code, 2 for a usage error and 1 otherwise.
 */
export function failure(name, usage, error, printError) {
  printError(`${name}: ${error.message}`);
  if (error instanceof UsageError) printError(usage);
  return error instanceof UsageError ? 2 : 1;
}

/** Runs the body of command `name`: exit code 0 when it returns, else its failure's (see failure()). */
export function runCommand(name, usage, body, printError) {
  try {
    body();
    return 0;
  } catch (e) {
    return failure(name, usage, e, printError);
  }
}

/** Command-line flags: `--name value` pairs and positional arguments. */
export function parseArgs(argv, flags) {
  const options = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") options.help = true;
    else if (arg.startsWith("--")) {
      const name = arg.slice(2);
      if (!flags.includes(name)) throw new UsageError(`unknown option ${arg}`);
      if (i + 1 >= argv.length) throw new UsageError(`${arg} needs a value`);
      options[name] = argv[++i];
    } else positional.push(arg);
  }
  return { options, positional };
}

/**
 * What `terraform <args>` prints in stack `stack`'s folder (cdktf.out/stacks/<stack>; honours
 * CDKTF_OUTDIR), or the saved copy of it given with `--<flag> FILE` (`file`) instead. `file` and
 * the stack folder are relative to `cwd`; `before` is the command that makes the folder.
 */
export function terraformText({ stack, args, file, flag, fileKind, before }, cwd = process.cwd()) {
  if (file) {
    if (!existsSync(resolve(cwd, file))) throw new Error(`${fileKind} ${file} not found`);
    return readFileSync(resolve(cwd, file), "utf8");
  }
  const dir = join(process.env.CDKTF_OUTDIR ?? "cdktf.out", "stacks", stack);
  const command = `terraform ${args.join(" ")}`;
  if (!existsSync(resolve(cwd, dir))) throw new Error(`no stack folder ${dir}: run \`${before}\` first, or pass --${flag} with a saved \`${command}\``);
  try {
    return execFileSync("terraform", args, { cwd: resolve(cwd, dir), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    if (e.code === "ENOENT") throw new Error(`terraform is not installed (or not on PATH); pass --${flag} instead`);
    throw new Error(`${command} failed in ${dir}:\n${String(e.stderr ?? e.message).trim()}`);
  }
}

/** `outputsFile` and the stack folder are relative to `cwd`. */
export function readOutputs(stack, outputsFile, cwd = process.cwd()) {
  const raw = terraformText(
    { stack, args: ["output", "-json"], file: outputsFile, flag: "outputs-file", fileKind: "outputs file", before: `npx cdktf deploy ${stack}` },
    cwd,
  );
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error("the outputs are not the JSON of `terraform output -json`");
  }
  return Object.fromEntries(Object.entries(parsed).map(([name, o]) => [name, o && typeof o === "object" && "value" in o ? o.value : o]));
}
