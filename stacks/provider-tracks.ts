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

/** Major version of each provider a track writes for. */
export function trackMajors(track: ProviderTrack): { aws: 5 | 6; cloudflare: 4 | 5 } {
  return { aws: track === "reference" ? 5 : 6, cloudflare: track === "current" ? 5 : 4 };
}
