// Mistakes the Terraform stage must catch, each made in a copy of a synthesized stack (`base`,
// group/name: the reference track's `article` and a variant, the current track's `apps-current`):
// the step that must fail and what Terraform or the real provider must say. If one passes, or
// fails at an earlier step, the check has gone blind to what it targets. `needsReal`: it targets
// what only that real provider knows; without it (outside CI) it is reported as not run.

/** The first resource of `type` in the configuration (that `where` accepts): [name, body]. */
function first(config, type, where = () => true) {
  const entry = Object.entries(config.resource?.[type] ?? {}).find(([, body]) => where(body));
  if (!entry) throw new Error(`the stack has no ${type} to mutate`);
  return entry;
}

/** The first `type`'s `zone_id` misspelled `zone_idd`: an argument its provider does not have. */
function misspelledZoneId(base, name, type) {
  return {
    base,
    name,
    step: "validate",
    expect: /Extraneous JSON object property[\s\S]*zone_idd/,
    mutate(config) {
      const [, record] = first(config, type);
      record.zone_idd = record.zone_id;
      delete record.zone_id;
    },
  };
}

export const MUTATIONS = [
  misspelledZoneId("shipped/article", "misspelled Cloudflare argument", "cloudflare_record"),
  {
    base: "shipped/article",
    name: "reference to a TLS attribute that does not exist",
    step: "validate",
    expect: /Unsupported attribute[\s\S]*private_key_pem_nope/,
    mutate(config) {
      const [name] = first(config, "tls_private_key");
      const [, cert] = first(config, "tls_self_signed_cert");
      cert.private_key_pem = `\${tls_private_key.${name}.private_key_pem_nope}`;
    },
  },
  {
    base: "shipped/article",
    name: "block written as an attribute",
    step: "validate",
    expect: /Incorrect JSON value type[\s\S]*"subject" blocks/,
    mutate(config) {
      const [, cert] = first(config, "tls_self_signed_cert");
      cert.subject = "CN=example";
    },
  },
  {
    base: "shipped/article",
    name: "attribute written as a block",
    step: "validate",
    expect: /Incorrect attribute value type[\s\S]*proxied/,
    mutate(config) {
      const [, record] = first(config, "cloudflare_record");
      record.proxied = { value: true };
    },
  },
  {
    base: "shipped/article",
    name: "interpolation in a meta-argument",
    step: "init",
    expect: /problems\s+with the configuration[\s\S]*Invalid character[\s\S]*replace_triggered_by/,
    mutate(config) {
      const [, pulls] = first(config, "cloudflare_authenticated_origin_pulls");
      pulls.lifecycle.replace_triggered_by = pulls.lifecycle.replace_triggered_by.map((r) => `\${${r}}`);
    },
  },
  {
    base: "shipped/article",
    name: "missing required argument",
    step: "validate",
    expect: /Missing required argument[\s\S]*zone_id/,
    mutate(config) {
      const [, record] = first(config, "cloudflare_record");
      delete record.zone_id;
    },
  },
  {
    base: "shipped/article",
    name: "for_each over a value known only after apply",
    step: "test",
    expect: /Invalid for_each argument/,
    mutate(config) {
      const [key] = first(config, "tls_private_key");
      const [, record] = first(config, "cloudflare_record");
      config.resource.cloudflare_record.mutation_probe = {
        for_each: `\${toset([tls_private_key.${key}.id])}`,
        zone_id: record.zone_id,
        name: "${each.key}",
        type: "TXT",
        content: "probe",
      };
    },
  },
  // ---- what only the real provider's own checks catch (on a variant: the real AWS 5 provider
  // judges every reference-track stack, not only the shipped ones) ----
  {
    base: "variant/v-passthrough",
    name: "mutual-authentication mode the provider does not know",
    needsReal: "hashicorp/aws",
    step: "validate",
    expect: /expected mutual_authentication\.0\.mode to be one of \["off" "verify" "passthrough"\], got pass-through/,
    mutate(config) {
      const [, listener] = first(config, "aws_lb_listener", (l) => l.mutual_authentication);
      listener.mutual_authentication.mode = "pass-through";
    },
  },
  {
    base: "variant/v-literals",
    name: "load balancer type the provider does not know",
    needsReal: "hashicorp/aws",
    step: "validate",
    expect: /expected load_balancer_type to be one of[\s\S]*got app/,
    mutate(config) {
      const [, lb] = first(config, "aws_lb");
      lb.load_balancer_type = "app";
    },
  },
  // ---- unknown values: an optional argument the provider computes is known only after apply ----
  ...["shipped/article", "shipped/apps-current"].map((base) => ({
    base,
    name: "for_each over an optional argument the provider computes",
    // AWS 5's schema says which arguments are computed, for AWS 6 too.
    needsReal: "hashicorp/aws",
    step: "test",
    expect: /Invalid for_each argument[\s\S]*name_prefix/,
    mutate(config) {
      const [name] = first(config, "aws_security_group", (g) => !("name_prefix" in g));
      config.resource.terraform_data = { mutation_probe: { for_each: `\${toset(compact([aws_security_group.${name}.name_prefix]))}`, input: "${each.key}" } };
    },
  })),
  {
    base: "shipped/apps-current",
    name: "for_each over an optional Cloudflare 5 argument the provider computes",
    step: "test",
    expect: /Invalid for_each argument[\s\S]*\.tags/,
    mutate(config) {
      const [name] = first(config, "cloudflare_dns_record", (r) => !("tags" in r));
      config.resource.terraform_data = { mutation_probe: { for_each: `\${toset(cloudflare_dns_record.${name}.tags)}`, input: "${each.key}" } };
    },
  },
  // ---- the current track (AWS 6, Cloudflare 5.14) ----
  misspelledZoneId("shipped/apps-current", "misspelled Cloudflare 5 argument", "cloudflare_dns_record"),
  {
    base: "shipped/apps-current",
    name: "Cloudflare 5 required argument removed",
    step: "validate",
    expect: /Missing required argument[\s\S]*"ttl" is required/,
    mutate(config) {
      const [, record] = first(config, "cloudflare_dns_record");
      delete record.ttl;
    },
  },
  {
    base: "shipped/apps-current",
    name: "argument AWS 6 removed (aws_eip.vpc)",
    step: "validate",
    expect: /Extraneous JSON object property[\s\S]*No argument or block type is named "vpc"/,
    mutate(config) {
      config.resource.aws_eip = { mutation_probe: { vpc: true } };
    },
  },
];
