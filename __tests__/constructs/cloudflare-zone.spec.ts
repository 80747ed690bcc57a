import { AuthenticatedOriginPullsCertificate } from "@cdktf/provider-cloudflare/lib/authenticated-origin-pulls-certificate";
import { DataCloudflareZone } from "@cdktf/provider-cloudflare/lib/data-cloudflare-zone";
import { Record as DnsRecord } from "@cdktf/provider-cloudflare/lib/record";
import { CloudflareZone } from "../../constructs/cloudflare/zone";
import { only, ref, synth } from "../helpers";

const props = {
  zoneName: "example.com",
  applicationDomain: "app.example.com",
  originDomain: "demo.aws.example.com",
  clientCertificatePem: "${tls_locally_signed_cert.x.cert_pem}",
  clientPrivateKeyPem: "${tls_private_key.x.private_key_pem}",
};

describe("CloudflareZone", () => {
  const { text, json } = synth((s) => new CloudflareZone(s, "cloudflare_zone", props));
  const zoneId = ref(json, "cloudflare_zone", "id", "data");

  it("looks the zone up by name", () => {
    expect(text).toHaveDataSourceWithProperties(DataCloudflareZone, { name: "example.com" });
  });

  it("proxies the application hostname to the origin domain", () => {
    expect(text).toHaveResourceWithProperties(DnsRecord, {
      name: "app.example.com",
      type: "CNAME",
      zone_id: zoneId,
      content: "demo.aws.example.com",
      proxied: true,
    });
  });

  it("uploads the client certificate for per-hostname origin pulls", () => {
    expect(text).toHaveResourceWithProperties(AuthenticatedOriginPullsCertificate, {
      certificate: props.clientCertificatePem,
      private_key: props.clientPrivateKeyPem,
      type: "per-hostname",
      zone_id: zoneId,
    });
  });

  it("enables origin pulls for the hostname with that certificate, replaced when it is", () => {
    const cert = only(json, "cloudflare_authenticated_origin_pulls_certificate").name;
    expect(only(json, "cloudflare_authenticated_origin_pulls").body).toMatchObject({
      enabled: true,
      zone_id: zoneId,
      authenticated_origin_pulls_certificate: `\${cloudflare_authenticated_origin_pulls_certificate.${cert}.id}`,
      hostname: "app.example.com",
      lifecycle: { replace_triggered_by: [`cloudflare_authenticated_origin_pulls_certificate.${cert}`] },
    });
  });

  it("outputs the zone's id attribute as the zone ID", () => {
    let zone!: CloudflareZone;
    const { json: j } = synth((s) => {
      zone = new CloudflareZone(s, "cz", props);
      new DataCloudflareZone(s, "probe", { zoneId: zone.zoneId });
    });
    expect(j.data.cloudflare_zone.probe.zone_id).toBe("${data.cloudflare_zone.cz_zone.id}");
  });

  it("uses an existing origin-pull certificate by ID: nothing uploaded, no key in Terraform", () => {
    const { zoneName, applicationDomain, originDomain } = props;
    const { json: j } = synth((s) => new CloudflareZone(s, "cz", { zoneName, applicationDomain, originDomain, originPullCertificateId: "abc123" }));
    expect(j.resource.cloudflare_authenticated_origin_pulls_certificate).toBeUndefined();
    expect(only(j, "cloudflare_authenticated_origin_pulls").body).toMatchObject({ authenticated_origin_pulls_certificate: "abc123", hostname: applicationDomain });
    expect(only(j, "cloudflare_authenticated_origin_pulls").body.lifecycle).toBeUndefined();
  });

  it("refuses an ID together with PEMs, or half a PEM pair, naming the prop", () => {
    expect(() => synth((s) => new CloudflareZone(s, "cz", { ...props, originPullCertificateId: "abc" }))).toThrow(
      "test/cz: originPullCertificateId excludes clientCertificatePem and clientPrivateKeyPem",
    );
    const { clientPrivateKeyPem: _, ...half } = props;
    expect(() => synth((s) => new CloudflareZone(s, "cz", half))).toThrow(/test\/cz: clientCertificatePem and clientPrivateKeyPem are both required/);
  });
});
