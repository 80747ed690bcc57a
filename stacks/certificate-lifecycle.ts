/**
 * The stack's `certificateLifecycle` option (docs/certificates.md): its defaults, and the expiry
 * checks it adds to the stack: one `check` block per certificate the stack knows the dates of.
 */
import { resolve } from "node:path";
import type { TerraformResource, TerraformStack } from "cdktf";
import type { ClientCert } from "../constructs/client-cert";
import { readCertificateFile, rfc3339 } from "../constructs/certificate-file";
import { DEFAULT_WARNING_DAYS, ExpiryCheck } from "../constructs/expiry-check";
import type { CertificateLifecycleOptions, StackOptions } from "./stack-props";

/** The client certificate renews at two thirds of its 2-year life (cert-manager's rule): 5840 hours before expiry. */
export const DEFAULT_CLIENT_RENEWAL_HOURS = 5840;

/** The option with its defaults, or undefined when it is off. */
export function certificateLifecycle(option: StackOptions["certificateLifecycle"]): (CertificateLifecycleOptions & { warningDays: number }) | undefined {
  if (!option) return undefined;
  const given = option === true ? {} : option;
  return { ...given, warningDays: given.warningDays ?? DEFAULT_WARNING_DAYS };
}

export interface ExpiryChecksProps {
  readonly lifecycle: CertificateLifecycleOptions & { warningDays: number };
  /** The generated CA(s) and client certificate. */
  readonly clientCert?: ClientCert;
  /** Whether Terraform uploads the client certificate to Cloudflare (else it is given by ID). */
  readonly uploaded: boolean;
  /** Bring your own: the CA bundle file and the client certificate file, relative to `baseDir`. */
  readonly caBundleFile?: string;
  readonly originPullCertificateFile?: string;
  readonly baseDir: string;
  /** The stack's Access service tokens by name (`serviceTokens`); a token whose duration is `forever` gets no check. */
  readonly serviceTokens?: Record<string, { readonly token: TerraformResource; readonly expiresAt: string; readonly forever: boolean }>;
}

const address = (stack: TerraformStack, r: TerraformResource) => `${r.terraformResourceType}.${stack.getLogicalId(r)}`;

/** Adds an ExpiryCheck (a `check` block) for each certificate whose dates the stack knows. */
export function addExpiryChecks(stack: TerraformStack, props: ExpiryChecksProps): ExpiryCheck[] {
  const warningDays = props.lifecycle.warningDays;
  const checks: ExpiryCheck[] = [];
  const check = (id: string, subject: string, expiresAt: string, action: string) => checks.push(new ExpiryCheck(stack, id, { subject, expiresAt, warningDays, action }));
  const cert = props.clientCert;
  if (cert) {
    const client = address(stack, cert.client);
    check(
      "client_certificate_expiry",
      `The client certificate Cloudflare presents (${client})`,
      cert.client.validityEndTime,
      props.uploaded
        ? `Any apply renews it from ${props.lifecycle.clientRenewalHours ?? DEFAULT_CLIENT_RENEWAL_HOURS} hours before expiry: run terraform apply (cdktf deploy) now, or renew at once with terraform apply -replace=${client}. The new certificate is uploaded before the old one is deleted.`
        : `Renew it with terraform apply -replace=${client}, upload the new certificate to Cloudflare (output client_certificate_pem), set origin_pull_certificate_id to its ID and apply (docs/certificates.md).`,
    );
    const newest = Math.max(...cert.roots.keys());
    for (const [generation, root] of cert.roots) {
      check(
        generation === 1 ? "ca_expiry" : `ca_g${generation}_expiry`,
        `CA generation ${generation} (${address(stack, root)}), which the ALB trust store trusts,`,
        root.validityEndTime,
        `Rotate the CA (docs/certificates.md): add generation ${newest + 1} to certificateLifecycle.trustedCaGenerations and apply, set caGeneration to ${newest + 1} and apply, then remove ${generation} from trustedCaGenerations and apply.`,
      );
    }
  }
  // Bring your own: the dates are read at synth (the props checks refused an expired certificate).
  if (props.caBundleFile !== undefined) {
    readCertificateFile(resolve(props.baseDir, props.caBundleFile)).forEach((ca, i) =>
      check(
        `ca_bundle_${i + 1}_expiry`,
        `The CA ${ca.subject} (certificate ${i + 1} of ${props.caBundleFile})`,
        rfc3339(ca.notAfter),
        `Add its successor to ${props.caBundleFile} and apply, move the client certificate to the new CA and apply, then remove the old CA from the file and apply (docs/certificates.md).`,
      ),
    );
  }
  if (props.originPullCertificateFile !== undefined) {
    const [leaf] = readCertificateFile(resolve(props.baseDir, props.originPullCertificateFile));
    check(
      "origin_pull_certificate_expiry",
      `The client certificate ${leaf.subject} (${props.originPullCertificateFile})`,
      rfc3339(leaf.notAfter),
      `Issue a new one, replace ${props.originPullCertificateFile} and its key file, and apply: the new certificate is uploaded before the old one is deleted.`,
    );
  } else if (props.lifecycle.originPullCertificateExpiresAt !== undefined) {
    check(
      "origin_pull_certificate_expiry",
      "The client certificate given by ID (origin_pull_certificate_id)",
      props.lifecycle.originPullCertificateExpiresAt,
      "Upload its successor to Cloudflare, give its ID (origin_pull_certificate_id) and the new certificateLifecycle.originPullCertificateExpiresAt, apply (each hostname's setting moves to it in place), then delete the old certificate (docs/certificates.md).",
    );
  }
  for (const [name, { token, expiresAt, forever }] of Object.entries(props.serviceTokens ?? {})) {
    if (forever) continue;
    const tokenAddress = address(stack, token);
    check(
      `service_token_${name}_expiry`,
      `The Access service token "${name}" (${tokenAddress})`,
      expiresAt,
      `Rotate it before then (docs/access.md): declare a successor in serviceTokens, let the applications accept it, apply, move the clients to its outputs, then remove "${name}" and apply; or, for a client you update at once, terraform apply -replace=${tokenAddress} (a new client ID and secret).`,
    );
  }
  return checks;
}
