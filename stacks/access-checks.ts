/**
 * The checks of who gets in (docs/access.md): the stack's `serviceTokens`, and `access` on the
 * stack and on each application. Called by the stack's checks (alb-mtls-stack-checks.ts) for a
 * stack written in TypeScript and for a cdktf.json entry alike, so both get the same messages.
 */
import { cloudflareRuleCount, identityProviderProblems, ruleListProblems, toAccessRule } from "../constructs/cloudflare/access-rules";
import { cloudflareMapping } from "../constructs/cloudflare/majors";
import { isLiteral } from "../constructs/errors";
import { closest } from "../constructs/rules";
import type { AccessConfig, ApplicationConfig, StackConfig } from "./stack-props";
import { trackMajors } from "./provider-tracks";

const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
const TOKEN_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const ACCESS_KEYS = ["allow", "require", "exclude", "serviceTokens", "identityProviders"];

/** The shape of `serviceTokens` (the stack's) and each token's duration on the stack's provider track. */
function serviceTokenProblems(c: StackConfig, path: string, p: string[]): void {
  const tokens: unknown = c.serviceTokens;
  if (tokens === undefined) return;
  const here = at(path, "serviceTokens");
  if (typeof tokens !== "object" || tokens === null || Array.isArray(tokens)) {
    return void p.push(`${here}: expected an object keyed by token name, e.g. { "uptime-probe": {} }, got ${Array.isArray(tokens) ? "an array" : JSON.stringify(tokens)}`);
  }
  const entries = Object.entries(tokens as Record<string, unknown>);
  if (entries.length === 0) p.push(`${here}: empty; declare at least one token, or leave the key out`);
  const mapping = cloudflareMapping(trackMajors(c.providers ?? "reference").cloudflare);
  const seen = new Map<string, string>();
  for (const [name, token] of entries) {
    if (!TOKEN_NAME.test(name)) p.push(`${here}: key ${JSON.stringify(name)} must be a token name: a letter, then up to 63 letters, digits, hyphens and underscores`);
    // Keys differ, names as people read them do not ("ci" and "CI", "ci-bot" and "ci_bot"): two tokens nobody can tell apart.
    const folded = name.toLowerCase().replace(/_/g, "-");
    const twin = seen.get(folded);
    if (twin !== undefined) p.push(`${here}.${name}: duplicate token name: ${JSON.stringify(name)} and ${JSON.stringify(twin)} name the same token; give each token a name of its own`);
    else seen.set(folded, name);
    if (typeof token !== "object" || token === null || Array.isArray(token)) {
      p.push(`${here}.${name}: expected an object such as {} or { "duration": "8760h" }`);
      continue;
    }
    for (const [key, value] of Object.entries(token)) {
      if (value === undefined) continue;
      if (key !== "duration") {
        p.push(`${here}.${name}.${key}: unknown key${closest(key, ["duration"]) ? ' (did you mean "duration"?)' : ""}; allowed keys: duration`);
      } else if (typeof value !== "string") {
        p.push(`${here}.${name}.duration: expected a string such as "8760h", got ${JSON.stringify(value)}`);
      } else if (isLiteral(value)) {
        const problem = mapping.serviceTokenDurationProblem(value);
        if (problem) p.push(`${here}.${name}.duration: ${JSON.stringify(value)} ${problem}`);
      }
    }
  }
}

/** The shape of one `access` object. */
function accessShapeProblems(access: unknown, path: string, p: string[]): void {
  if (typeof access !== "object" || access === null || Array.isArray(access)) {
    return void p.push(`${path}: expected an object with ${ACCESS_KEYS.join(", ")}`);
  }
  const given = access as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!ACCESS_KEYS.includes(key)) {
      const hint = closest(key, ACCESS_KEYS);
      p.push(`${path}.${key}: unknown key${hint ? ` (did you mean "${hint}"?)` : ""}; allowed keys: ${ACCESS_KEYS.join(", ")}`);
    } else if (key === "identityProviders") {
      p.push(...identityProviderProblems(value, `${path}.${key}`));
    } else if (key === "serviceTokens") {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) p.push(`${path}.serviceTokens: expected an array of token names, got ${JSON.stringify(value)}`);
      else if (value.length === 0) p.push(`${path}.serviceTokens: empty list; name at least one token, or leave the key out`);
    } else {
      p.push(...ruleListProblems(value, `${path}.${key}`));
    }
  }
}

/** What one `access` means with the stack's tokens: tokens used but not declared, and a way in. */
function accessMeaningProblems(access: AccessConfig, declared: string[], path: string, p: string[]): void {
  const tokens = access.serviceTokens ?? [];
  tokens.forEach((name, i) => {
    if (tokens.indexOf(name) < i) return void p.push(`${path}.serviceTokens[${i}]: ${JSON.stringify(name)} is given twice`);
    if (!declared.includes(name)) {
      const hint = closest(name, declared);
      p.push(
        `${path}.serviceTokens[${i}]: ${JSON.stringify(name)} is used but not declared${hint ? ` (did you mean "${hint}"?)` : ""}; ` +
          (declared.length ? `the stack's serviceTokens declare ${declared.map((d) => JSON.stringify(d)).join(", ")}` : `declare it in the stack's serviceTokens: { ${JSON.stringify(name)}: {} }`),
      );
    }
  });
  if ((access.allow ?? []).length > 0) return;
  const narrowing = (["require", "exclude"] as const).filter((k) => access[k] !== undefined);
  if (tokens.length === 0) {
    p.push(
      `${path}: no way in: allow and serviceTokens are both empty${narrowing.length ? `, so ${narrowing.join(" and ")} narrow${narrowing.length === 1 ? "s" : ""} nothing` : ""}; ` +
        `add allow rules (people) or serviceTokens (machines)`,
    );
  } else if (narrowing.length) {
    p.push(`${path}.${narrowing[0]}: narrows the people allow lets in, and allow is empty (a machine-only application); service tokens get policies of their own, without require or exclude`);
  }
}

/** Every problem of `serviceTokens` and of the stack's and each application's `access`. */
export function accessProblems(c: StackConfig, path: string, p: string[]): void {
  const before = p.length;
  serviceTokenProblems(c, path, p);
  const levels: [string, AccessConfig | undefined, Pick<ApplicationConfig, "accessAllowedEmail" | "accessAllowedEmailDomains">][] = [
    [path, c.access, { accessAllowedEmail: c.accessAllowedEmail, accessAllowedEmailDomains: c.accessAllowedEmailDomains }],
    ...Object.entries(c.applications ?? {}).map(([key, app]): (typeof levels)[number] => [at(path, `applications.${key}`), app?.access, app ?? {}]),
  ];
  for (const [here, access] of levels) if (access !== undefined) accessShapeProblems(access, at(here, "access"), p);
  if (p.length > before) return; // the meaning needs the shapes right
  const declared = Object.keys(c.serviceTokens ?? {});
  for (const [here, access, emails] of levels) {
    if (access === undefined) continue;
    for (const key of ["accessAllowedEmail", "accessAllowedEmailDomains"] as const) {
      if (emails[key] !== undefined) p.push(`${at(here, key)}: give either it or access, not both (access.allow takes e-mails as { "emails": [...] } and domains as { "emailDomains": [...] })`);
    }
    accessMeaningProblems(access, declared, at(here, "access"), p);
  }
  if (c.switchFromReferenceTrack !== undefined) trackSwitchProblems(c, levels, path, p);
}

/**
 * The move between provider tracks (docs/provider-tracks.md) carries records, policies and
 * applications, not what only `access` makes: service tokens (Cloudflare never returns a token's
 * secret after it is made, so an imported token would have no client secret to output) and the
 * Access groups of require entries with several values.
 */
function trackSwitchProblems(c: StackConfig, levels: [string, AccessConfig | undefined, unknown][], path: string, p: string[]): void {
  const why = "the move between provider tracks does not carry it (docs/access.md#provider-tracks-and-the-move-between-them)";
  if (c.serviceTokens !== undefined) p.push(`${at(path, "serviceTokens")}: not with switchFromReferenceTrack: ${why}`);
  for (const [here, access] of levels) {
    (access?.require ?? []).forEach((rule, i) => {
      if (cloudflareRuleCount(toAccessRule(rule)) > 1) p.push(`${at(here, "access")}.require[${i}]: several values make an Access group, not with switchFromReferenceTrack: ${why}`);
    });
  }
}

/** The access of an application: its own, else the stack's unless it gives its own e-mails; undefined → the e-mail inputs. */
export function applicationAccess(stack: Pick<StackConfig, "access">, app: ApplicationConfig): AccessConfig | undefined {
  if (app.access) return app.access;
  if (app.accessAllowedEmail !== undefined || app.accessAllowedEmailDomains !== undefined) return undefined;
  return stack.access;
}

/** True when some Access policy of the stack reads the stack's e-mail list (`accessAllowedEmail` or the variable `access_allowed_email`). */
export function stackEmailsUsed(c: Pick<StackConfig, "access" | "applications">): boolean {
  if (c.applications === undefined) return c.access === undefined;
  return Object.values(c.applications).some((app) => applicationAccess(c, app) === undefined && app.accessAllowedEmail === undefined);
}
