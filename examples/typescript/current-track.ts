import type { Construct } from "constructs";
import { AlbMtlsStack } from "../../stacks/alb-mtls-stack";

/** The reference deployment on the current providers (AWS 6, Cloudflare 5.14), TypeScript-authored. */
export function currentTrackGate(scope: Construct, originPullCertificateId: string): AlbMtlsStack {
  return new AlbMtlsStack(scope, "gate-current", {
    providers: "current",
    baseName: "gate-current",
    accessAllowedEmail: ["alice@example.com"],
    // 5.14 cannot upload a per-hostname certificate: upload it yourself, give its ID.
    certificates: { caBundleFile: "examples/certs/ca-bundle.pem", originPullCertificateId },
    accessJwt: { teamDomain: "example.cloudflareaccess.com" },
    originLockdown: true,
  });
}
