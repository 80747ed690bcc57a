import { TerraformVariable, type TerraformResource } from "cdktf";
import type { AlbMtlsStack } from "./alb-mtls-stack";

/** The variable that holds the import IDs, keyed by the "reference" stack's (v4) address. */
export const IMPORT_IDS_VARIABLE = "reference_track_import_ids";

/** v4 resource type → its v5 type, for the resources the stacks make (the same name when unchanged). */
const V4_TYPE: Readonly<Record<string, string>> = { cloudflare_dns_record: "cloudflare_record" };

/**
 * The Cloudflare resources of a "current" stack that a "reference" stack with the same config has
 * at the same address, and that 5.14 can import. Per-hostname origin-pull settings are not among
 * them (5.14 cannot import them): the apply writes them again, with the same hostname, certificate
 * and `enabled = true`. The uploaded certificate has no v5 resource: it is used by ID.
 */
export function importableCloudflareResources(stack: AlbMtlsStack): TerraformResource[] {
  const zone = stack.cloudflareZone;
  const access = stack.cloudflareAccess;
  const resources: (TerraformResource | undefined)[] = [zone.record, access?.allowPolicy, access?.bypassPolicy, access?.application];
  for (const app of Object.values(stack.applications ?? {})) {
    resources.push(app.dns.record, app.access.allowPolicy, app.access.bypassPolicy, app.access.application);
  }
  return resources.filter((r): r is TerraformResource => r !== undefined);
}

/**
 * `import` blocks (Terraform ≥ 1.5) for the last step of the move from "reference" to "current":
 * each Cloudflare object the reference stack made is imported into its v5 resource, with the ID
 * from the variable `reference_track_import_ids` (keyed by the v4 address; `npm run track-switch`
 * writes it from the reference stack's state, before the v4 entries leave the state).
 */
export function trackSwitchImports(stack: AlbMtlsStack): { to: string; id: string }[] {
  const pairs = importableCloudflareResources(stack).map((resource) => {
    const type = resource.terraformResourceType;
    const name = stack.getLogicalId(resource);
    return { from: `${V4_TYPE[type] ?? type}.${name}`, to: `${type}.${name}` };
  });
  const keys = pairs.map((p) => p.from);
  new TerraformVariable(stack, IMPORT_IDS_VARIABLE, {
    type: "map(string)",
    description: "Import IDs of the Cloudflare objects the reference-track stack made, keyed by their v4 address (npm run track-switch writes them)",
    validation: [
      {
        condition: `\${alltrue([for k in ${JSON.stringify(keys)} : contains(keys(var.${IMPORT_IDS_VARIABLE}), k)])}`,
        errorMessage: `Invalid ${IMPORT_IDS_VARIABLE}: it needs an import ID for each of ${keys.join(", ")}.`,
      },
    ],
  });
  return pairs.map(({ from, to }) => ({ to, id: `\${var.${IMPORT_IDS_VARIABLE}[${JSON.stringify(from)}]}` }));
}
