// Mistakes the Terraform stage must catch, each made in a copy of a synthesized stack (`article`):
// the step that must fail and what Terraform must say. If one passes, the check has gone blind.

/** The first resource of `type` in the configuration: [name, body]. */
function first(config, type) {
  const entry = Object.entries(config.resource?.[type] ?? {})[0];
  if (!entry) throw new Error(`the stack has no ${type} to mutate`);
  return entry;
}

export const MUTATIONS = [
  {
    name: "misspelled Cloudflare argument",
    step: "validate",
    expect: /Extraneous JSON object property[\s\S]*zone_idd/,
    mutate(config) {
      const [, record] = first(config, "cloudflare_record");
      record.zone_idd = record.zone_id;
      delete record.zone_id;
    },
  },
  {
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
    name: "block written as an attribute",
    step: "validate",
    expect: /Incorrect JSON value type[\s\S]*"subject" blocks/,
    mutate(config) {
      const [, cert] = first(config, "tls_self_signed_cert");
      cert.subject = "CN=example";
    },
  },
  {
    name: "attribute written as a block",
    step: "validate",
    expect: /Incorrect attribute value type[\s\S]*proxied/,
    mutate(config) {
      const [, record] = first(config, "cloudflare_record");
      record.proxied = { value: true };
    },
  },
  {
    name: "interpolation in a meta-argument",
    step: "init",
    expect: /problems\s+with the configuration[\s\S]*Invalid character[\s\S]*replace_triggered_by/,
    mutate(config) {
      const [, pulls] = first(config, "cloudflare_authenticated_origin_pulls");
      pulls.lifecycle.replace_triggered_by = pulls.lifecycle.replace_triggered_by.map((r) => `\${${r}}`);
    },
  },
  {
    name: "missing required argument",
    step: "validate",
    expect: /Missing required argument[\s\S]*zone_id/,
    mutate(config) {
      const [, record] = first(config, "cloudflare_record");
      delete record.zone_id;
    },
  },
  {
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
];
