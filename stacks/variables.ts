import { TerraformVariable, TerraformVariableValidationConfig } from "cdktf";
import type { Construct } from "constructs";
import type { StackConfig } from "./stack-props";
import { Rule, baseNameDerivations, rules } from "../constructs/rules";
import { stackEmailsUsed } from "./access-checks";

/** The root inputs as the stack uses them: literals from the config, or variable references. */
export interface Inputs {
  readonly baseName: string;
  readonly subnets: string[];
  readonly hostZoneName: string;
  readonly cloudflareZoneName: string;
  readonly accessAllowedEmail: string[];
  readonly cloudflareApiToken: string;
  /** The variable `origin_pull_certificate_id`, declared on first use (certificates without one). */
  originPullCertificateId(): string;
  /** The variable `access_team_domain`, declared on first use (`accessJwt: true`). */
  accessTeamDomain(): string;
  /** The variable `waf_web_acl_arn`, declared on first use (`wafWebAclArn: true`). */
  wafWebAclArn(): string;
}

/** In JSON configuration an expression is a `${…}` template; a bare string would be a literal. */
const expression = (hcl: string) => `\${${hcl}}`;
const sentence = (what: string, rule: Rule<any>) => `Invalid ${what}: it must be ${rule.allowed.replace(/\.$/, "")}.`;
const check = (expr: string, what: string, rule: Rule<any>): TerraformVariableValidationConfig => ({
  condition: expression(rule.terraform(expr)),
  errorMessage: sentence(what, rule),
});
const checkEach = (expr: string, what: string, rule: Rule<any>): TerraformVariableValidationConfig => ({
  condition: expression(`alltrue([for v in ${expr} : ${rule.terraform("v")}])`),
  errorMessage: sentence(what, rule),
});

/**
 * Declares a Terraform variable for every root input the config leaves out, with the reference's
 * name, type, description, sensitivity and default. With `variableValidation`, each gets
 * `validation` blocks with the rules synth applies to literals, so a bad tfvars value fails at
 * plan with the same message.
 */
export function inputVariables(scope: Construct, config: StackConfig): Inputs {
  const declare = declarer(scope, config.variableValidation === true);
  return { ...referenceInputs(scope, declare, config), ...inputsOnFirstUse(declare) };
}

type Declare = (
  name: string,
  spec: { type: string; description?: string; sensitive?: boolean; default?: unknown },
  validation: () => TerraformVariableValidationConfig[],
) => TerraformVariable;

/** Declares a variable, with its `validation` blocks when `validate` is on. */
function declarer(scope: Construct, validate: boolean): Declare {
  return (name, spec, validation) =>
    new TerraformVariable(scope, name, {
      ...spec,
      validation: validate ? validation().map((v) => ({ ...v, condition: v.condition.startsWith("${") ? v.condition : expression(v.condition) })) : undefined,
    });
}

/** The reference's root inputs: each a literal from the config, or its variable. */
function referenceInputs(scope: Construct, variable: Declare, config: StackConfig): Omit<Inputs, "originPullCertificateId" | "accessTeamDomain" | "wafWebAclArn"> {
  const baseName =
    config.baseName ??
    variable("base_name", { type: "string", description: "Application base name", default: "example-project-mtls" }, () =>
      baseNameDerivations.map((d) => ({
        condition: expression(d.rule.terraform(d.terraformDerive("var.base_name"))),
        errorMessage: `Invalid base_name: the ${d.what} derived from it must be ${d.rule.allowed.replace(/\.$/, "")}.`,
      })),
    ).stringValue;

  const subnets =
    config.subnets ??
    variable(
      "subnets",
      { type: "list(string)", description: "The name of the subnets to deploy ALB. Not the subnet IDs." },
      () => [{ condition: "length(var.subnets) > 0", errorMessage: "Invalid subnets: give at least one subnet Name tag." }],
    ).listValue;

  const hostZoneName =
    config.hostZoneName ??
    variable("host_zone_name", { type: "string", description: "The name of the Route53 Hosted Zone" }, () => [
      check("var.host_zone_name", "host_zone_name", rules.domainName),
    ]).stringValue;

  const cloudflareApiToken = new TerraformVariable(scope, "cloudflare_api_token", { type: "string", sensitive: true }).stringValue;

  const cloudflareZoneName =
    config.cloudflareZoneName ??
    variable("cloudflare_zone_name", { type: "string", description: "The name of the Cloudflare Zone" }, () => [
      check("var.cloudflare_zone_name", "cloudflare_zone_name", rules.domainName),
    ]).stringValue;

  if (config.cloudflareAccountId === undefined && config.providers !== "current") {
    // Declared for parity with the reference (whose modules do not use it), so tfvars that set it
    // still plan. Not on "current": no reference state or tfvars is planned there unchanged, and a
    // required, sensitive variable that nothing reads would only be asked for (a tfvars file that
    // still sets it gets Terraform's "undeclared variable" warning, not an error).
    variable(
      "cloudflare_account_id",
      { type: "string", description: "The ID of the Cloudflare Account", sensitive: true },
      () => [check("var.cloudflare_account_id", "cloudflare_account_id", rules.cloudflareAccountId)],
    );
  }

  const domains = config.accessAllowedEmailDomains ?? [];
  // Not declared when every Access policy takes its rules from `access` (a variable nobody reads would still have to be set).
  const accessAllowedEmail =
    config.accessAllowedEmail ??
    (!stackEmailsUsed(config) ? [] : undefined) ??
    variable("access_allowed_email", { type: "list(string)", description: "Allowed email addresses", sensitive: true }, () => [
      checkEach("var.access_allowed_email", "access_allowed_email", rules.email),
      ...(domains.length === 0
        ? [
            {
              condition: "length(var.access_allowed_email) > 0",
              errorMessage: "Invalid access_allowed_email: Access needs at least one allowed e-mail (or an allowed e-mail domain).",
            },
          ]
        : []),
    ]).listValue;

  return { baseName, subnets, hostZoneName, cloudflareZoneName, accessAllowedEmail, cloudflareApiToken };
}

/** The inputs only some options use: each variable declared on first use. */
function inputsOnFirstUse(variable: Declare): Pick<Inputs, "originPullCertificateId" | "accessTeamDomain" | "wafWebAclArn"> {
  const once = <T>(make: () => T) => {
    let value: T | undefined;
    return () => (value ??= make());
  };
  return {
    originPullCertificateId: once(
      () =>
        variable(
          "origin_pull_certificate_id",
          { type: "string", description: "ID of the per-hostname origin-pull certificate uploaded to Cloudflare" },
          () => [{ condition: "length(var.origin_pull_certificate_id) > 0", errorMessage: "Invalid origin_pull_certificate_id: it must not be empty." }],
        ).stringValue,
    ),
    accessTeamDomain: once(
      () =>
        variable(
          "access_team_domain",
          { type: "string", description: "Cloudflare Zero Trust team domain, e.g. myteam.cloudflareaccess.com" },
          () => [check("var.access_team_domain", "access_team_domain", rules.domainName)],
        ).stringValue,
    ),
    wafWebAclArn: once(
      () =>
        variable("waf_web_acl_arn", { type: "string", description: "ARN of the REGIONAL WAFv2 web ACL for the ALB" }, () => [
          check("var.waf_web_acl_arn", "waf_web_acl_arn", rules.wafWebAclArn),
        ]).stringValue,
    ),
  };
}
