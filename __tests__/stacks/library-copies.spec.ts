import { TerraformResource, Testing } from "cdktf";
import { CloudflareHostname } from "../../constructs/cloudflare/hostname";
import { CLOUDFLARE_4 } from "../../constructs/cloudflare/v4";
import { ReadableStack } from "../../stacks/readable-stack";
import { forgetCloudflareResources } from "../../stacks/reference-track-switch";

/**
 * With cdktf and its fork cdktn in one app bundle, a resource class of one copy is not an
 * `instanceof` the other copy's TerraformResource. The "forget" step must not depend on it: an
 * `instanceof` filter once missed such resources and wrote `removed: []`, which would have
 * destroyed the Cloudflare objects.
 */
describe("two copies of the construct library side by side", () => {
  it('the "forget" step forgets a Cloudflare resource made by the other copy', () => {
    let OtherRecord: typeof import("@cdktf/provider-cloudflare/lib/record").Record | undefined;
    let OtherTerraformResource: typeof TerraformResource | undefined;
    jest.isolateModules(() => {
      OtherRecord = require("@cdktf/provider-cloudflare/lib/record").Record;
      OtherTerraformResource = require("cdktf").TerraformResource;
    });
    expect(OtherTerraformResource).not.toBe(TerraformResource); // a second copy indeed

    const stack = new ReadableStack(Testing.app(), "s");
    const forget = forgetCloudflareResources(stack, {
      ...CLOUDFLARE_4,
      proxiedRecord: (scope, id, s) => new OtherRecord!(scope, id, { name: s.hostname, type: "CNAME", zoneId: s.zoneId, content: s.originDomain, proxied: true }),
    });
    const hostname = new CloudflareHostname(stack, "dns", {
      cloudflareProvider: forget.cloudflare,
      zoneId: "0123456789abcdef0123456789abcdef",
      hostname: "wiki.example.com",
      originDomain: "origin.example.com",
      originPullCertificateId: "cert",
    });
    expect(hostname.record instanceof TerraformResource).toBe(false);
    expect(forget.removed()).toEqual([
      { from: "cloudflare_record.dns_record", lifecycle: { destroy: false } },
      { from: "cloudflare_authenticated_origin_pulls.dns_origin_pulls", lifecycle: { destroy: false } },
    ]);
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });
});
