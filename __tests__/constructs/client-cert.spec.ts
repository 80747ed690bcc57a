import { LbTrustStore } from "@cdktf/provider-aws/lib/lb-trust-store";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { ClientCert } from "../../constructs/client-cert";
import { ref, synth } from "../helpers";

describe("ClientCert", () => {
  const { text, json } = synth(
    (s) => new ClientCert(s, "client_cert", { trustStoreName: "demo-mtls", trustStoreBucketName: "demo-mtls-bucket" }),
  );
  const keys = json.resource.tls_private_key;
  const root = json.resource.tls_self_signed_cert.client_cert_root;
  const client = json.resource.tls_locally_signed_cert.client_cert_client;
  const request = json.resource.tls_cert_request.client_cert_client_request;

  it("generates two RSA 4096 keys: the root CA's and the client's", () => {
    expect(Object.values(keys)).toEqual([
      expect.objectContaining({ algorithm: "RSA", rsa_bits: 4096 }),
      expect.objectContaining({ algorithm: "RSA", rsa_bits: 4096 }),
    ]);
  });

  it("self-signs a 5-year root CA with the default subject", () => {
    expect(root).toMatchObject({
      private_key_pem: "${tls_private_key.client_cert_root_key.private_key_pem}",
      subject: [{ common_name: "Root CA", organization: "My Organization", country: "jp", locality: "tokyo" }],
      validity_period_hours: 43824,
      is_ca_certificate: true,
      allowed_uses: ["digital_signature", "cert_signing", "crl_signing"],
    });
  });

  it("signs a 2-year client-auth certificate with the root, from a CSR of the client key", () => {
    expect(request).toMatchObject({
      private_key_pem: "${tls_private_key.client_cert_client_key.private_key_pem}",
      subject: [{ common_name: "Client Certificate", organization: "My Organization", country: "jp", locality: "tokyo" }],
    });
    expect(client).toMatchObject({
      cert_request_pem: "${tls_cert_request.client_cert_client_request.cert_request_pem}",
      ca_cert_pem: "${tls_self_signed_cert.client_cert_root.cert_pem}",
      ca_private_key_pem: "${tls_self_signed_cert.client_cert_root.private_key_pem}",
      is_ca_certificate: false,
      validity_period_hours: 17520,
      allowed_uses: ["digital_signature", "key_encipherment", "client_auth"],
    });
  });

  it("uploads the root certificate to the bucket and builds the trust store from that object", () => {
    expect(text).toHaveResourceWithProperties(S3Bucket, { bucket: "demo-mtls-bucket" });
    const object = json.resource.aws_s3_object.client_cert_root_ca_object;
    expect(object).toMatchObject({
      bucket: ref(json, "aws_s3_bucket", "bucket"),
      key: "root_ca.crt",
      content: "${tls_self_signed_cert.client_cert_root.cert_pem}",
      content_type: "text/plain",
    });
    expect(text).toHaveResourceWithProperties(LbTrustStore, {
      name: "demo-mtls",
      ca_certificates_bundle_s3_bucket: ref(json, "aws_s3_object", "bucket"),
      ca_certificates_bundle_s3_key: ref(json, "aws_s3_object", "key"),
    });
  });

  it("uses the organization and common names it is given", () => {
    const { json: j } = synth(
      (s) =>
        new ClientCert(s, "cc", {
          trustStoreName: "t",
          trustStoreBucketName: "bucket",
          organization: "Acme",
          rootCommonName: "Acme Root",
          clientCommonName: "cloudflare-origin-pull",
        }),
    );
    expect(j.resource.tls_self_signed_cert.cc_root.subject[0]).toMatchObject({ common_name: "Acme Root", organization: "Acme" });
    expect(j.resource.tls_cert_request.cc_client_request.subject[0]).toMatchObject({
      common_name: "cloudflare-origin-pull",
      organization: "Acme",
    });
  });

  it("exposes the PEMs and the trust store ARN", () => {
    let cc!: ClientCert;
    const { json: j } = synth((s) => {
      cc = new ClientCert(s, "cc", { trustStoreName: "t", trustStoreBucketName: "bucket" });
      new S3Bucket(s, "probe", {
        bucket: cc.trustStoreArn,
        bucketPrefix: cc.clientCertPem,
        tags: { rootCert: cc.rootCaCertPem, rootKey: cc.rootCaKeyPem, clientKey: cc.clientKeyPem },
      });
    });
    const probe = j.resource.aws_s3_bucket.probe;
    expect(probe.bucket).toBe("${aws_lb_trust_store.cc_trust_store.arn}");
    expect(probe.bucket_prefix).toBe("${tls_locally_signed_cert.cc_client.cert_pem}");
    expect(probe.tags).toEqual({
      rootCert: "${tls_self_signed_cert.cc_root.cert_pem}",
      rootKey: "${tls_self_signed_cert.cc_root.private_key_pem}",
      clientKey: "${tls_private_key.cc_client_key.private_key_pem}",
    });
  });

  it("checks the trust store and bucket names, naming the prop", () => {
    expect(() => synth((s) => new ClientCert(s, "cc", { trustStoreName: "a--b", trustStoreBucketName: "bucket" }))).toThrow(/test\/cc: trustStoreName "a--b" must be/);
    expect(() => synth((s) => new ClientCert(s, "cc", { trustStoreName: "t", trustStoreBucketName: "My_Bucket" }))).toThrow(/test\/cc: trustStoreBucketName "My_Bucket" must be 3–63 characters/);
  });
});
