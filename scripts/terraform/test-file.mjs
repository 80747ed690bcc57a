// The `terraform test` file the Terraform stage writes beside each stack: every provider mocked
// (`mock_provider`, Terraform ≥ 1.7), the stack's variables given example values, then a plan and
// an apply. Mocks make up computed values; where the real provider knows a value at plan time
// and the configuration branches on it (the ACM certificate's `domain_validation_options`, which
// `for_each` of the validation records iterates), an override gives it during the plan. The dates
// the stack's expiry checks read are given too, outside and then inside their warning window
// (docs/certificates.md).

/** An HCL expression for a JSON value (HCL's object and tuple syntax accept JSON's). */
const hcl = (value) => JSON.stringify(value);

/** Provider local names and aliases the configuration declares or configures. */
function providers(config) {
  const names = new Set(Object.keys(config.terraform?.required_providers ?? {}));
  const aliases = [];
  for (const [name, blocks] of Object.entries(config.provider ?? {})) {
    names.add(name);
    for (const b of [blocks].flat()) if (b?.alias) aliases.push([name, b.alias]);
  }
  return { names: [...names].sort(), aliases };
}

/**
 * Data sources whose made-up values the stacks cannot use: a mock's list is empty, and the
 * reference takes the first subnet of `aws_subnets` (as a real account has).
 */
const MOCK_DATA = {
  aws: `
  mock_data "aws_subnets" {
    defaults = { ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"] }
  }
`,
};

/** A fixed value of a cty type, for a computed attribute. */
function fixed(name, type) {
  if (type === "string") return `mock-${name}`;
  if (type === "number") return 0;
  if (type === "bool") return false;
  if (Array.isArray(type) && ["list", "set"].includes(type[0])) return [];
  if (Array.isArray(type) && type[0] === "map") return {};
  return null;
}

/**
 * Values the real provider knows at plan time, for the resources the stacks branch on: the ACM
 * certificate's `domain_validation_options`, which the validation records' `for_each` iterates.
 * Given during the plan, every other attribute it computes gets a fixed value too, so the apply
 * finds the values the plan promised (made-up ones would differ).
 */
function planTimeOverrides(config, resourceSchema) {
  const certificates = Object.entries(config.resource?.aws_acm_certificate ?? {});
  return certificates.map(([name, cert]) => {
    const domain = typeof cert.domain_name === "string" && !cert.domain_name.includes("${") ? cert.domain_name : "alb.example.com";
    const values = {};
    for (const [attr, a] of Object.entries(resourceSchema?.(config, "aws_acm_certificate")?.attributes ?? {})) {
      if (a.computed && !(attr in cert)) values[attr] = fixed(attr, a.type);
    }
    values.arn = "arn:aws:acm:ap-northeast-1:111122223333:certificate/00000000-0000-4000-8000-000000000000";
    values.domain_validation_options = [
      { domain_name: domain, resource_record_name: `_0123456789abcdef.${domain}.`, resource_record_type: "CNAME", resource_record_value: "_fedcba9876543210.acm-validations.aws." },
    ];
    const lines = Object.entries(values).map(([k, v]) => `    ${k} = ${hcl(v)}`);
    return `override_resource {\n  target          = aws_acm_certificate.${name}\n  override_during = plan\n  values = {\n${lines.join("\n")}\n  }\n}\n`;
  });
}

/** Every computed attribute of a resource that its configuration does not set, with a fixed value. */
function fixedComputed(config, type, name, resourceSchema) {
  const given = config.resource?.[type]?.[name] ?? {};
  const values = {};
  for (const [attr, a] of Object.entries(resourceSchema?.(config, type)?.attributes ?? {})) {
    if (a.computed && !(attr in given)) values[attr] = fixed(attr, a.type);
  }
  return values;
}

const overrideBlock = (target, values, indent = "") =>
  [`override_resource {`, `  target          = ${target}`, `  override_during = plan`, `  values = {`, ...Object.entries(values).map(([k, v]) => `    ${k} = ${hcl(v)}`), `  }`, `}`]
    .map((l) => indent + l)
    .join("\n");

const DATE_ATTRIBUTE = /\b([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.(validity_end_time|expires_at)\b/g;
const LITERAL_CHECK = /timecmp\(local\.([A-Za-z0-9_-]+), timeadd\(plantimestamp\(\), "(\d+)h"\)\)/;

/**
 * The stack's `check` blocks (expiry warnings, docs/certificates.md) by what they read: a resource's
 * date (a certificate's `validity_end_time`, a service token's `expires_at`), or a date written at
 * synth (a certificate you bring: a local value), with whether `now` is inside its warning window.
 */
export function expiryChecks(config, now = Date.now()) {
  return Object.entries(config.check ?? {}).map(([name, block]) => {
    const condition = [block.assert].flat().map((a) => a.condition).join(" ");
    const dates = [...condition.matchAll(DATE_ATTRIBUTE)].map(([, type, resource, attribute]) => ({ type, name: resource, attribute }));
    const literal = LITERAL_CHECK.exec(condition);
    const literalInWindow = !!literal && Date.parse(config.locals?.[literal[1]]) - Number(literal[2]) * 3600_000 <= now;
    return { name, dates, literalInWindow };
  });
}

/**
 * A `check` block fails a `terraform test` run (it only warns in a plan), also when its date is
 * "known after apply", as every generated certificate's is in a plan from scratch. So the dates
 * the checks read are given during the plan: far outside the window in every run, and inside it
 * in the run "expiry_warnings", which expects each of those checks to fail (warn). A run without
 * `expect_failures` fails on any check that warns: none may outside the window.
 */
function expiryRuns(config, resourceSchema, now = Date.now()) {
  const checks = expiryChecks(config, now);
  const resources = new Map(checks.flatMap((c) => c.dates).map((d) => [`${d.type}.${d.name}`, d]));
  if (!resources.size && !checks.length) return { overrides: [], plan: [], runs: [] };
  const at = (days) => new Date(now + days * 86400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const override = (indent, date) => [...resources].map(([target, d]) => overrideBlock(target, { ...fixedComputed(config, d.type, d.name, resourceSchema), [d.attribute]: date }, indent));
  const expect = (names) => (names.length ? [`  expect_failures = [${names.map((n) => `check.${n}`).join(", ")}]`] : []);
  const literalInWindow = checks.filter((c) => c.literalInWindow).map((c) => c.name);
  const dated = checks.filter((c) => c.dates.length).map((c) => c.name);
  return {
    overrides: override("", at(36500)), // beyond any window (warningDays ≤ 3650)
    // A date you bring that is inside its window warns in every plan: the plain plan expects it.
    plan: expect(literalInWindow),
    runs: dated.length
      ? [`run "expiry_warnings" {\n  command = plan\n${[...expect([...new Set([...dated, ...literalInWindow])]), ...override("  ", at(0.5))].join("\n")}\n}\n`]
      : [],
  };
}

/**
 * Resources that `import` blocks bring in: a mock provider cannot import, so the test overrides
 * them (Terraform's own advice), and the plan still checks each block's address and ID expression.
 */
function importOverrides(config) {
  return [config.import ?? []].flat().map((i) => `override_resource {\n  target = ${i.to}\n}\n`);
}

/**
 * The test file for one synthesized stack; `examples` gives values for variables without a
 * default (a value, or a function of the configuration), `resourceSchema(config, type)` the
 * schema the stack's providers have for a type.
 */
export function testFile(config, examples, resourceSchema) {
  const { names, aliases } = providers(config);
  const missing = [];
  const variables = Object.entries(config.variable ?? {})
    .filter(([, v]) => !("default" in v))
    .map(([name]) => {
      if (!(name in examples)) missing.push(name);
      const example = typeof examples[name] === "function" ? examples[name](config) : examples[name];
      return `  ${name} = ${hcl(example)}`;
    });
  if (missing.length) throw new Error(`no example value for variable ${missing.join(", ")}: add it to EXAMPLE_VARIABLES in scripts/terraform/variants.mjs (a team's app: to the JSON file of terraform:check's --vars)`);
  const expiry = expiryRuns(config, resourceSchema);
  return [
    ...names.map((n) => `mock_provider ${hcl(n)} {${MOCK_DATA[n] ?? ""}}\n`),
    ...aliases.map(([n, alias]) => `mock_provider ${hcl(n)} {\n  alias = ${hcl(alias)}\n}\n`),
    ...planTimeOverrides(config, resourceSchema),
    ...importOverrides(config),
    ...expiry.overrides.map((o) => `${o}\n`),
    `variables {\n${variables.join("\n")}\n}\n`,
    `run "plan" {\n${["  command = plan", ...expiry.plan].join("\n")}\n}\n`,
    ...expiry.runs,
    `run "apply" {\n${["  command = apply", ...expiry.plan].join("\n")}\n}\n`,
  ].join("\n");
}
