/** Messages shared by the config checks (all problems at once) and the stack (TypeScript-authored stacks). */

/** Why pass-through mode is refused for a target the project cannot make verify. */
export function passthroughRefusal(kind: "http" | "lambdaArn"): string {
  const what = kind === "http" ? "an http target" : "an existing function (lambdaArn)";
  return (
    `mtls.mode is "passthrough": the ALB forwards the client certificate without verifying it, and requests without one reach the target too. ` +
    `The project cannot make ${what} verify it. Use mode "verify", or set verifiesClientCertificate: true if the target checks x-amzn-mtls-clientcert itself`
  );
}
