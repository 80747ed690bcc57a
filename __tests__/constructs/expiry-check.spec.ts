import { ZeroTrustAccessServiceToken } from "@cdktf/provider-cloudflare/lib/zero-trust-access-service-token";
import { ExpiryCheck } from "../../constructs/expiry-check";
import { synth } from "../helpers";

describe("ExpiryCheck", () => {
  it("takes a resource attribute, such as an Access service token's expires_at, and compares it with the plan's time", () => {
    const { json } = synth((s) => {
      const token = new ZeroTrustAccessServiceToken(s, "ci_token", { accountId: "0123456789abcdef0123456789abcdef", name: "ci" });
      new ExpiryCheck(s, "ci_token_expiry", { subject: "The service token of CI", expiresAt: token.expiresAt, warningDays: 14, action: "Rotate it." });
    });
    expect((json as any).check.ci_token_expiry.assert).toEqual([
      {
        condition: '${(timecmp(cloudflare_zero_trust_access_service_token.ci_token.expires_at, timeadd(plantimestamp(), "336h")) == 1)}',
        error_message: "The service token of CI expires at ${cloudflare_zero_trust_access_service_token.ci_token.expires_at}, less than 14 days from now. Rotate it.",
      },
    ]);
  });

  it("keeps a date known at synth in a local value (Terraform refuses a check that refers to nothing)", () => {
    const { json } = synth((s) => new ExpiryCheck(s, "ca_expiry", { subject: "The CA", expiresAt: "2030-01-01T00:00:00Z", action: "Rotate it." }));
    expect((json as any).locals).toEqual({ ca_expiry_expires_at: "2030-01-01T00:00:00Z" });
    expect((json as any).check.ca_expiry.assert[0].condition).toBe('${(timecmp(local.ca_expiry_expires_at, timeadd(plantimestamp(), "720h")) == 1)}');
  });

  it("refuses a window shorter than a day", () => {
    expect(() => synth((s) => new ExpiryCheck(s, "x", { subject: "x", expiresAt: "2030-01-01T00:00:00Z", warningDays: 0, action: "" }))).toThrow(
      "test/x: warningDays must be a whole number of days, 1 or more; got 0",
    );
  });
});
