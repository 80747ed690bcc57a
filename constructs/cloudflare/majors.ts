import type { CloudflareMajor, CloudflareMapping } from "./mapping";
import { CLOUDFLARE_4 } from "./v4";
import { CLOUDFLARE_5 } from "./v5";

/** The mapping of a Cloudflare provider major (default 4, the reference's). */
export function cloudflareMapping(major: CloudflareMajor = 4): CloudflareMapping {
  return major === 5 ? CLOUDFLARE_5 : CLOUDFLARE_4;
}
