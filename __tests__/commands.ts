/** The project's commands (scripts/*.mjs) as tests run them: in-process, or as a process of their own; and any process, as the end-to-end tests run them. */
import { execFile } from "node:child_process";
import { join } from "node:path";

/** What a command printed and its exit code; `out` is both streams in the order printed. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly out: string;
}
const root = join(__dirname, "..");
type Io = { print: (line: string) => void; printError: (line: string) => void };

/** Runs a command in-process (`smoke`, `clientCertCommand`, …) with its output captured. */
export function inProcess(run: (io: Io) => number): CommandResult;
export function inProcess(run: (io: Io) => Promise<number>): Promise<CommandResult>;
export function inProcess(run: (io: Io) => number | Promise<number>): CommandResult | Promise<CommandResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const all: string[] = [];
  const io: Io = {
    print: (line) => void (stdout.push(line), all.push(line)),
    printError: (line) => void (stderr.push(line), all.push(line)),
  };
  const text = (lines: string[]) => lines.map((line) => `${line}\n`).join("");
  const result = (code: number): CommandResult => ({ code, stdout: text(stdout), stderr: text(stderr), out: text(all) });
  const code = run(io);
  return typeof code === "number" ? result(code) : code.then(result);
}

type ProcessOptions = { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number };

/** Runs `command` as a process of its own (in the project root by default); its exit code and output, whether it failed or not. */
export function runProcess(command: string, args: string[], options: ProcessOptions = {}): Promise<CommandResult> {
  return new Promise((resolve) =>
    execFile(command, args, { cwd: options.cwd ?? root, env: options.env ?? process.env, timeout: options.timeout }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, out: stdout + stderr }),
    ),
  );
}

/** Runs `scripts/<script>` as `npm run` does: a node process of its own; its exit code and output. */
export function asProcess(script: string, args: string[], options: ProcessOptions = {}): Promise<CommandResult> {
  return runProcess(process.execPath, [join(root, "scripts", script), ...args], options);
}
