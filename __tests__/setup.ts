import { setupJest } from "cdktf/lib/testing/adapters/jest";

setupJest();

// cdktf records a creation stack for every token it makes (Error.captureStackTrace on a plain
// object, at full depth), shown only if that token later fails to resolve. Jest's source-map
// support would map every frame of every such stack through the source maps of cdktf and the
// providers: most of a synth's time under Jest. Those stacks keep their first 10 frames (where the
// token was made), unmapped; errors (Error instances, what a failing test prints) are still mapped
// to the TypeScript lines, in full.
const mapped = Error.prepareStackTrace;
if (mapped) {
  Error.prepareStackTrace = (error, frames) =>
    error !== null && typeof error === "object" && Object.getPrototypeOf(error) === Object.prototype
      ? ["creation stack", ...frames.slice(0, 10).map((frame) => `    at ${frame}`)].join("\n")
      : mapped(error, frames);
}
