/**
 * Who gets in, as a user writes it (cdktf.json or TypeScript props): Access rules such as
 * `{ "githubTeam": { … } }` or `{ "countries": ["JP"] }`, service-token names and identity
 * providers. One set of checks for both routes (`accessRulesProblems`), and the conversion to the
 * typed model the provider mappings write (`toAccessRule`, mapping.ts). See docs/access.md.
 */
import { isLiteral } from "../errors";
import { type Rule, closest, pattern, problem, rules } from "../rules";
import type { AccessRule } from "./mapping";

/** An identity provider, Access group, posture rule or Entra ID group: a UUID. */
const UUID = pattern("a UUID such as 0b6f3c2e-8a41-4c7e-9f0d-2d6a1e5b7c90 (as the Zero Trust dashboard shows it)", "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

/** ISO 3166-1 alpha-2: the 249 officially assigned codes. */
const COUNTRY_CODES = new Set(
  ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV " +
    "CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM " +
    "IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW " +
    "MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS " +
    "ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW").split(" "),
);
const COUNTRY: Rule = {
  allowed: "an ISO 3166-1 alpha-2 country code in capitals, such as JP, DE or US (UK is GB)",
  test: (v) => COUNTRY_CODES.has(v),
  terraform: (e) => `contains(${JSON.stringify([...COUNTRY_CODES])}, ${e})`,
};
const NON_EMPTY: Rule = pattern("a non-empty string", "\\S");

/** Who an identity-provider rule names, and how. */
export interface IdpGroups {
  /** Group names (Okta), group e-mails (Google Workspace) or group object IDs (Entra ID). */
  readonly groups: string[];
  /** ID of the identity provider in Zero Trust (a UUID). */
  readonly identityProvider: string;
}

/** One Access rule as a user writes it: an object with one key, the rule kind. */
export type AccessRuleConfig =
  | { readonly emails: string[] }
  | { readonly emailDomains: string[] }
  | { readonly accessGroups: string[] }
  | { readonly githubTeam: { readonly organization: string; readonly teams?: string[]; readonly identityProvider: string } }
  | { readonly googleGroups: IdpGroups }
  | { readonly oktaGroup: IdpGroups }
  | { readonly entraGroups: IdpGroups }
  | { readonly samlAttribute: { readonly name: string; readonly value: string; readonly identityProvider: string } }
  | { readonly countries: string[] }
  | { readonly ipRanges: string[] }
  | { readonly loginMethods: string[] }
  | { readonly mfa: true }
  | { readonly devicePosture: string[] }
  | { readonly everyone: true };

/** Who gets into an application (docs/access.md). */
export interface AccessConfig {
  /** People let in after login: any rule matches (Cloudflare's `include`). @default none (machine-only with serviceTokens) */
  readonly allow?: AccessRuleConfig[];
  /** Each entry must match too (an entry with several values: any of them). Applies to the people `allow` lets in. @default none */
  readonly require?: AccessRuleConfig[];
  /** Nobody matching any entry gets in. Applies to the people `allow` lets in. @default none */
  readonly exclude?: AccessRuleConfig[];
  /** Names of the stack's `serviceTokens` let in, each through a `non_identity` policy of its own. @default none */
  readonly serviceTokens?: string[];
  /** Only these identity providers (IDs) on the login page; with one, Access redirects to it. @default every provider of the account */
  readonly identityProviders?: string[];
}

/** A service token the stack makes (`serviceTokens.<name>`). */
export interface ServiceTokenConfig {
  /** How long the token is valid: 8760h, 17520h, 43800h, 87600h or forever on Cloudflare 4.52; any duration on 5.14. @default "8760h" (the providers') */
  readonly duration?: string;
}

type Shape =
  | { kind: "list"; rule: Rule }
  | { kind: "true" }
  | { kind: "object"; fields: Record<string, { rule: Rule; list?: boolean; optional?: boolean }> };
const list = (rule: Rule): Shape => ({ kind: "list", rule });
const idp = (groups: Rule): Shape => ({ kind: "object", fields: { groups: { rule: groups, list: true }, identityProvider: { rule: UUID } } });

/** Every rule kind a user can write, and what its value holds. */
const RULE_SHAPES: Record<string, Shape> = {
  emails: list(rules.email),
  emailDomains: list(rules.emailDomain),
  accessGroups: list(UUID),
  githubTeam: {
    kind: "object",
    fields: { organization: { rule: NON_EMPTY }, teams: { rule: NON_EMPTY, list: true, optional: true }, identityProvider: { rule: UUID } },
  },
  googleGroups: idp(rules.email),
  oktaGroup: idp(NON_EMPTY),
  entraGroups: idp(UUID),
  samlAttribute: { kind: "object", fields: { name: { rule: NON_EMPTY }, value: { rule: NON_EMPTY }, identityProvider: { rule: UUID } } },
  countries: list(COUNTRY),
  ipRanges: list(rules.ipOrCidr),
  loginMethods: list(UUID),
  mfa: { kind: "true" },
  devicePosture: list(UUID),
  everyone: { kind: "true" },
};
export const RULE_KINDS = Object.keys(RULE_SHAPES);

const describe = (value: unknown) => (Array.isArray(value) ? `an array ${JSON.stringify(value)}` : value === null ? "null" : typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`);

/** Problems of a list of strings under `rule`: not a list, empty, a bad value, a value given twice. */
function stringListProblems(value: unknown, rule: Rule, path: string, p: string[]): void {
  if (!isLiteral(value)) return;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) return void p.push(`${path}: expected an array of strings, got ${describe(value)}`);
  if (value.length === 0) return void p.push(`${path}: empty list; give at least one value, or leave the rule out`);
  value.forEach((v, i) => {
    if (!isLiteral(v)) return;
    if (!rule.test(v)) p.push(problem(`${path}[${i}]`, v, rule));
    else if (value.indexOf(v) < i) p.push(`${path}[${i}]: ${JSON.stringify(v)} is given twice`);
  });
}

/** Problems of one rule as a user writes it (`{ "githubTeam": { … } }`), each naming its path. */
function ruleProblems(entry: unknown, path: string, p: string[]): void {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    return void p.push(`${path}: expected a rule such as { "emails": ["alice@example.com"] }, got ${describe(entry)}`);
  }
  const keys = Object.keys(entry).filter((k) => (entry as Record<string, unknown>)[k] !== undefined);
  if (keys.length !== 1) {
    return void p.push(`${path}: one rule kind per entry${keys.length ? `, got ${keys.join(" and ")}; write each as an entry of its own` : ", got none"} (kinds: ${RULE_KINDS.join(", ")})`);
  }
  const [kind] = keys;
  const shape = RULE_SHAPES[kind];
  const value = (entry as Record<string, unknown>)[kind];
  const here = `${path}.${kind}`;
  if (!shape) {
    const hint = closest(kind, RULE_KINDS);
    return void p.push(`${path}: unknown rule kind ${JSON.stringify(kind)}${hint ? ` (did you mean "${hint}"?)` : ""}; kinds: ${RULE_KINDS.join(", ")}`);
  }
  if (shape.kind === "list") return stringListProblems(value, shape.rule, here, p);
  if (shape.kind === "true") {
    if (value !== true) p.push(`${here}: expected true, got ${describe(value)}`);
    return;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return void p.push(`${here}: expected an object with ${Object.keys(shape.fields).join(", ")}, got ${describe(value)}`);
  const given = value as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (given[key] !== undefined && !(key in shape.fields)) {
      const hint = closest(key, Object.keys(shape.fields));
      p.push(`${here}.${key}: unknown key${hint ? ` (did you mean "${hint}"?)` : ""}; allowed keys: ${Object.keys(shape.fields).join(", ")}`);
    }
  }
  for (const [key, field] of Object.entries(shape.fields)) {
    const v = given[key];
    if (v === undefined) {
      if (!field.optional) p.push(`${here}.${key}: required`);
    } else if (field.list) stringListProblems(v, field.rule, `${here}.${key}`, p);
    else if (typeof v !== "string") p.push(`${here}.${key}: expected a string, got ${describe(v)}`);
    else if (isLiteral(v) && !field.rule.test(v)) p.push(problem(`${here}.${key}`, v, field.rule));
  }
}

/** Problems of a rule list (`allow`, `require`, `exclude`): not a list, empty, or a bad rule. */
export function ruleListProblems(value: unknown, path: string): string[] {
  const p: string[] = [];
  if (!Array.isArray(value)) return [`${path}: expected a list of rules such as [{ "emails": ["alice@example.com"] }], got ${describe(value)}`];
  if (value.length === 0) return [`${path}: empty list; give at least one rule, or leave the key out`];
  value.forEach((entry, i) => ruleProblems(entry, `${path}[${i}]`, p));
  return p;
}

/** Problems of a list of identity-provider IDs (`identityProviders`). */
export function identityProviderProblems(value: unknown, path: string): string[] {
  const p: string[] = [];
  stringListProblems(value, UUID, path, p);
  return p;
}

/** The typed rule of a checked `AccessRuleConfig`. */
export function toAccessRule(config: AccessRuleConfig): AccessRule {
  if ("githubTeam" in config) return { kind: "githubTeam", ...config.githubTeam };
  if ("googleGroups" in config) return { kind: "googleGroups", ...config.googleGroups };
  if ("oktaGroup" in config) return { kind: "oktaGroup", ...config.oktaGroup };
  if ("entraGroups" in config) return { kind: "entraGroups", ...config.entraGroups };
  if ("samlAttribute" in config) return { kind: "samlAttribute", ...config.samlAttribute };
  if ("mfa" in config) return { kind: "mfa" };
  if ("everyone" in config) return { kind: "everyone" };
  const [[kind, values]] = Object.entries(config) as [Extract<AccessRule, { values: string[] }>["kind"], string[]][];
  return { kind, values };
}

/** The rule as a user writes it, to check a typed rule with the same checks (undefined: the stack's own `serviceTokens` rule). */
function toRuleConfig(rule: AccessRule): AccessRuleConfig | undefined {
  switch (rule.kind) {
    case "githubTeam":
      return { githubTeam: { organization: rule.organization, teams: rule.teams, identityProvider: rule.identityProvider } };
    case "googleGroups":
    case "oktaGroup":
    case "entraGroups":
      return { [rule.kind]: { groups: rule.groups, identityProvider: rule.identityProvider } } as AccessRuleConfig;
    case "samlAttribute":
      return { samlAttribute: { name: rule.name, value: rule.value, identityProvider: rule.identityProvider } };
    case "mfa":
    case "everyone":
      return { [rule.kind]: true } as AccessRuleConfig;
    case "serviceTokens":
      return undefined;
    default:
      return { [rule.kind]: rule.values } as AccessRuleConfig;
  }
}

/** Problems of typed rules (a construct's props), with the checks of the rules users write. */
export function typedRuleProblems(rules: AccessRule[], path: string): string[] {
  const p: string[] = [];
  rules.forEach((rule, i) => {
    const config = toRuleConfig(rule);
    if (config) ruleProblems(config, `${path}[${i}]`, p);
  });
  return p;
}

/** How many Cloudflare rules a rule becomes (one per value): in a `require`, more than one would all have to match. */
export function cloudflareRuleCount(rule: AccessRule): number {
  const n = (values: string[] | undefined) => (values === undefined ? 1 : isLiteral(values) ? values.length : 2);
  switch (rule.kind) {
    case "githubTeam":
      return Math.max(1, n(rule.teams));
    case "googleGroups":
    case "oktaGroup":
    case "entraGroups":
      return n(rule.groups);
    case "samlAttribute":
    case "mfa":
    case "everyone":
      return 1;
    default:
      return n(rule.values);
  }
}
