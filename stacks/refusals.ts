/** Messages shared by the config checks (all problems at once) and the stack (TypeScript-authored stacks). */
import { PER_HOSTNAME_UPLOAD_MISSING } from "../constructs/cloudflare-zone-v5";
import { PROVIDER_TRACKS } from "./provider-tracks";

/** Why pass-through mode is refused for a target the project cannot make verify. */
export function passthroughRefusal(kind: "http" | "lambdaArn"): string {
  const what = kind === "http" ? "an http target" : "an existing function (lambdaArn)";
  return (
    `mtls.mode is "passthrough": the ALB forwards the client certificate without verifying it, and requests without one reach the target too. ` +
    `The project cannot make ${what} verify it. Use mode "verify", or set verifiesClientCertificate: true if the target checks x-amzn-mtls-clientcert itself`
  );
}

/** What a provider track cannot honour, keyed by the option that asks for it (each a config path below the stack). */
export function providerTrackProblems(c: {
  providers?: string;
  adoptReference?: boolean;
  switchFromReferenceTrack?: string;
  certificates?: { originPullCertificateFile?: string; originPullPrivateKeyFile?: string };
}): { key: string; message: string }[] {
  const track = c.providers ?? "reference";
  const problems: { key: string; message: string }[] = [];
  if (!(PROVIDER_TRACKS as readonly string[]).includes(track)) {
    return [{ key: "providers", message: `must be one of ${PROVIDER_TRACKS.map((t) => JSON.stringify(t)).join(", ")}, got ${JSON.stringify(track)}` }];
  }
  if (track === "current") {
    for (const key of ["originPullCertificateFile", "originPullPrivateKeyFile"] as const) {
      if (c.certificates?.[key] !== undefined) {
        problems.push({
          key: `certificates.${key}`,
          message:
            `cannot be used with providers "current": ${PER_HOSTNAME_UPLOAD_MISSING} as certificates.originPullCertificateId ` +
            `(or leave it out and set the variable origin_pull_certificate_id). Or keep providers "reference", whose 4.52.0 uploads it`,
        });
      }
    }
    if (c.adoptReference) {
      problems.push({
        key: "adoptReference",
        message:
          `cannot be used with providers "current": the reference HCL's state was written by the Cloudflare provider 4.52.0, ` +
          `which 5.14 cannot read. Adopt it on providers "reference" first, then move to "current" (docs/provider-tracks.md)`,
      });
    }
  }
  const step = c.switchFromReferenceTrack;
  if (step === "import" && track !== "current") {
    problems.push({
      key: "switchFromReferenceTrack",
      message: `"import" applies to providers "current" (the last step of the move from "reference"); providers is ${JSON.stringify(track)}`,
    });
  }
  if (step === "forget" && track === "current") {
    problems.push({
      key: "switchFromReferenceTrack",
      message: `"forget" runs on the Cloudflare provider 4.52.0, the only one that can read the v4 entries: use it with providers "aws-current" (or "reference"), then switch to "current" with "import"`,
    });
  }
  if (step === "forget" && c.adoptReference) {
    problems.push({ key: "switchFromReferenceTrack", message: `"forget" and adoptReference go in different applies: adopt first` });
  }
  return problems;
}
