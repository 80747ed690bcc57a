/**
 * Provider tracks: which provider versions a stack's Terraform JSON is written for.
 *
 * - `reference`: the reference deployment's pins (AWS `~> 5.0`, Cloudflare exactly `4.52.0`) and
 *   its Cloudflare v4 resources. The default; `article` stays on it.
 * - `current`: AWS `~> 6.0` and Cloudflare `~> 5.14.0`, with the Cloudflare v5 resources
 *   (`cloudflare_dns_record`, account-level `cloudflare_zero_trust_access_policy` referenced from
 *   the application's `policies` list, the v5 `cloudflare_authenticated_origin_pulls`).
 * - `aws-current`: AWS `~> 6.0` with the reference's Cloudflare `4.52.0`: the AWS step of the move
 *   from `reference` to `current` (docs/provider-tracks.md), usable on its own too.
 *
 * One set of bindings serves the AWS majors (@cdktf/provider-aws 21.22.1, AWS 6.25): what the
 * stack writes decides the version constraint. Cloudflare has a binding per major:
 * @cdktf/provider-cloudflare (11.30.0, 4.52.0) and @cdktf/provider-cloudflare-v5 (13.9.1, 5.14.0).
 */
import { PER_HOSTNAME_UPLOAD_MISSING } from "../constructs/cloudflare/v5";
export type ProviderTrack = "reference" | "aws-current" | "current";

export const PROVIDER_TRACKS: readonly ProviderTrack[] = ["reference", "aws-current", "current"];

type Pin = { readonly source: string; readonly version: string };

/** Provider pins of the reference root module (`required_providers`), kept verbatim. */
export const REFERENCE_PROVIDERS: Readonly<Record<string, Pin>> = {
  aws: { source: "hashicorp/aws", version: "~> 5.0" },
  archive: { source: "hashicorp/archive", version: "~> 2.0" },
  tls: { source: "hashicorp/tls", version: "~> 4.0" },
  local: { source: "hashicorp/local", version: "~> 2.5" },
  cloudflare: { source: "cloudflare/cloudflare", version: "4.52.0" },
};

const AWS_6: Pin = { source: "hashicorp/aws", version: "~> 6.0" };
/**
 * 5.14.x only: 5.17 made `cloudflare_authenticated_origin_pulls.hostname` computed-only (this
 * JSON sets it, as 5.14 reads the setting by it), and state written by ≤ 5.16 must pass through
 * 5.17/5.18 before 5.19+ (Cloudflare's v5 migration guide, "stepping-stone upgrades").
 */
const CLOUDFLARE_5_14: Pin = { source: "cloudflare/cloudflare", version: "~> 5.14.0" };

/** `required_providers` of each track. `local` is the reference's (its key files); the other tracks write none. */
export const TRACK_PROVIDERS: Readonly<Record<ProviderTrack, Readonly<Record<string, Pin>>>> = {
  reference: REFERENCE_PROVIDERS,
  "aws-current": { ...REFERENCE_PROVIDERS, aws: AWS_6 },
  current: { aws: AWS_6, archive: REFERENCE_PROVIDERS.archive, tls: REFERENCE_PROVIDERS.tls, cloudflare: CLOUDFLARE_5_14 },
};

/**
 * The Node.js runtimes a stack's functions may use. `nodejs24.x` needs the AWS provider 6.19 or
 * later: the AWS provider 5.100 (the last 5.x) refuses it ("expected runtime to be one of […
 * nodejs22.x]", checked with the real provider), and 6.19 is the first to accept it
 * (hashicorp/terraform-provider-aws#45024, its changelog entry). A stack that uses it on an AWS 6
 * track pins `NODEJS_24_AWS_PIN`.
 */
export const LAMBDA_NODEJS_RUNTIMES = ["nodejs20.x", "nodejs22.x", "nodejs24.x"] as const;
export type LambdaNodejsRuntime = (typeof LAMBDA_NODEJS_RUNTIMES)[number];
export const NODEJS_24_AWS_PIN = "~> 6.19";

/** Major version of each provider a track writes for. */
export function trackMajors(track: ProviderTrack): { aws: 5 | 6; cloudflare: 4 | 5 } {
  return { aws: track === "reference" ? 5 : 6, cloudflare: track === "current" ? 5 : 4 };
}

/** What a provider track cannot honour, keyed by the option that asks for it (each a config path below the stack). */
export function providerTrackProblems(c: {
  providers?: string;
  adoptReference?: boolean;
  switchFromReferenceTrack?: string;
  certificates?: { originPullCertificateFile?: string; originPullPrivateKeyFile?: string };
  applications?: Record<string, { lambda?: { runtime?: string } } | undefined>;
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
  if (trackMajors(track as ProviderTrack).aws === 5) {
    for (const [key, app] of Object.entries(c.applications ?? {})) {
      if (app?.lambda?.runtime === "nodejs24.x") {
        problems.push({
          key: `applications.${key}.lambda.runtime`,
          message:
            `"nodejs24.x" needs the AWS provider 6.19 or later; providers ${JSON.stringify(track)} writes for AWS 5, whose last release (5.100) refuses it. ` +
            `Use providers "aws-current" or "current", or runtime "nodejs22.x"`,
        });
      }
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
