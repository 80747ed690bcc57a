import { type TerraformElement, type TerraformResource, TerraformVariable } from "cdktf";
import { DataCloudflareZeroTrustAccessApplication } from "@cdktf/provider-cloudflare/lib/data-cloudflare-zero-trust-access-application";
import type { IConstruct } from "constructs";
import type { CloudflareAccess } from "../constructs/cloudflare/access";
import type { CloudflareMapping } from "../constructs/cloudflare/mapping";
import type { CloudflareZone } from "../constructs/cloudflare/zone";
import type { GateApplication } from "../constructs/gate-application";

/** What the move between provider tracks reads of a stack (AlbMtlsStack has it): its Cloudflare constructs, and the stack's addresses. */
export interface TrackSwitchStack extends IConstruct {
  readonly cloudflareZone: CloudflareZone;
  readonly cloudflareAccess?: CloudflareAccess;
  readonly applications?: Record<string, GateApplication>;
  getLogicalId(element: TerraformElement): string;
  addOverride(path: string, value: unknown): void;
}

export type { TrackSwitchStep } from "./stack-props";
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
export function importableCloudflareResources(stack: TrackSwitchStack): TerraformResource[] {
  const zone = stack.cloudflareZone;
  const access = stack.cloudflareAccess;
  const resources: (TerraformResource | undefined)[] = [zone.record, access?.allowPolicy, access?.bypassPolicy, access?.application];
  for (const app of Object.values(stack.applications ?? {})) {
    resources.push(app.dns.record, app.access.allowPolicy, app.access.bypassPolicy, app.access.application);
  }
  return resources.filter((r): r is TerraformResource => r !== undefined);
}

/**
 * Step "import", on "current": `import` blocks (Terraform ≥ 1.5) that hand each Cloudflare object
 * the reference stack made to its v5 resource, with the ID from the variable
 * `reference_track_import_ids` (keyed by the v4 address; `npm run track-switch` writes it from the
 * reference stack's state, before the v4 entries leave it).
 */
export function trackSwitchImports(stack: TrackSwitchStack): { to: string; id: string }[] {
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

/** Step "forget", decided before the stack is built: the Cloudflare mapping the stack builds with, and the `removed` blocks. */
export interface ForgetStep {
  /** The Cloudflare provider's mapping, forgetting each resource it makes. */
  readonly cloudflare: CloudflareMapping;
  /** A `removed` block (`destroy = false`) for each resource forgotten, in the order they were made. */
  removed(): { from: string; lifecycle: { destroy: false } }[];
}

/**
 * Step "forget", on a Cloudflare 4.52.0 track: every Cloudflare resource leaves the configuration
 * and a `removed` block (`destroy = false`) makes Terraform forget its entry while the v4 provider
 * can still read it; the objects stay in Cloudflare untouched. The stack builds with the mapping
 * this returns: each resource is made (for its address), addressed and left out of the tree
 * before anything references it; an Access application is looked up by domain instead (the v4
 * data source), so what the rest of the stack reads of it, its AUD (the gate's ACCESS_AUD, the
 * outputs), comes from the lookup and nothing else changes.
 */
export function forgetCloudflareResources(stack: Pick<TrackSwitchStack, "getLogicalId">, cloudflare: CloudflareMapping): ForgetStep {
  if (cloudflare.major !== 4) throw new Error('switchFromReferenceTrack "forget" runs on the Cloudflare provider 4.52.0 only');
  const forgotten: string[] = [];
  const forget = <T extends TerraformResource>(resource: T): T => {
    forgotten.push(`${resource.terraformResourceType}.${stack.getLogicalId(resource)}`);
    resource.node.scope!.node.tryRemoveChild(resource.node.id);
    return resource;
  };
  const mapping: CloudflareMapping = {
    ...cloudflare,
    proxiedRecord: (scope, id, settings) => forget(cloudflare.proxiedRecord(scope, id, settings)),
    originPullsCertificate: (scope, id, settings) => forget(cloudflare.originPullsCertificate(scope, id, settings)),
    originPulls: (scope, id, settings) => forget(cloudflare.originPulls(scope, id, settings)),
    accessPolicy: (scope, id, settings) => forget(cloudflare.accessPolicy(scope, id, settings)),
    accessApplication(scope, id, settings) {
      const { application } = cloudflare.accessApplication(scope, id, settings);
      forget(application);
      const lookup = new DataCloudflareZeroTrustAccessApplication(scope, "existing", { zoneId: settings.zoneId, domain: settings.domain });
      return { application, aud: lookup.aud };
    },
  };
  return { cloudflare: mapping, removed: () => forgotten.map((from) => ({ from, lifecycle: { destroy: false } })) };
}
