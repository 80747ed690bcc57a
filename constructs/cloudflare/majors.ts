import type { CloudflareMajor, CloudflareMapping } from "./mapping";
import { CLOUDFLARE_4 } from "./v4";
import { CLOUDFLARE_5 } from "./v5";

/**
 * What the Cloudflare constructs' `cloudflareProvider` prop takes: a provider major, or a mapping
 * object itself (a stack that changes how resources are made, e.g. the track switch's "forget" step).
 */
export type CloudflareProviderChoice = CloudflareMajor | CloudflareMapping;

/** The mapping of a Cloudflare provider major (default 4, the reference's), or the mapping given. */
export function cloudflareMapping(choice: CloudflareProviderChoice = 4): CloudflareMapping {
  if (typeof choice === "object") return choice;
  return choice === 5 ? CLOUDFLARE_5 : CLOUDFLARE_4;
}
