/**
 * cdktf records a creation stack for every token it makes (Error.captureStackTrace on a plain
 * object, at full depth), shown only if that token later fails to resolve: a tenth of a synth's
 * time, and more under Jest, which maps every frame through source maps. `skipCreationStacks`
 * stops recording them unless CDKTF_CREATION_STACKS=1 (to debug such a failure, see
 * docs/troubleshooting.md). Errors (Error instances) keep their stacks.
 * Used by the app runner (scripts/app.mjs) and the tests (__tests__/setup.ts).
 */
function skipCreationStacks(ErrorClass = Error, env = process.env) {
  if (env.CDKTF_CREATION_STACKS) return false;
  const capture = ErrorClass.captureStackTrace;
  ErrorClass.captureStackTrace = (target, below) =>
    target !== null && typeof target === "object" && Object.getPrototypeOf(target) === Object.prototype ? undefined : capture(target, below);
  return true;
}

module.exports = { skipCreationStacks };
