/**
 * Credentials in ALB Lambda events, and how they are kept out of answers and logs.
 * Header names are compared case-insensitively, in `headers` and in `multiValueHeaders`; values
 * that are not strings (a malformed event) are dropped wherever a credential could be.
 */

/** Headers that carry a credential: never echoed, never logged. */
export const CREDENTIAL_HEADERS: readonly string[] = [
  "x-amzn-mtls-clientcert", // pass-through mode: the client's certificate chain
  "x-amzn-mtls-clientcert-leaf", // verify mode: the client's certificate
  "cf-access-jwt-assertion", // the Access token
  "cf-access-client-secret", // Access service-token secret, if a client sent one
  "authorization",
  "proxy-authorization",
];
/** The ones the gate consumes: removed from the event it passes on (the app gets `event.gate`). */
export const GATE_HEADERS: readonly string[] = ["x-amzn-mtls-clientcert", "x-amzn-mtls-clientcert-leaf", "cf-access-jwt-assertion", "cf-access-client-secret"];
/** Cookies Cloudflare Access sets: `CF_Authorization` holds the same JWT as the header. */
export const ACCESS_COOKIES: readonly string[] = ["cf_authorization", "cf_appsession", "cf_binding"];

export const REDACTED = "[REDACTED]";

type Headers = Record<string, unknown>;
export interface HeaderedEvent {
  headers?: unknown;
  multiValueHeaders?: unknown;
}

const isRecord = (value: unknown): value is Headers => typeof value === "object" && value !== null && !Array.isArray(value);

/** Every distinct string value of a header, from both header maps. */
export function headerValues(event: HeaderedEvent, name: string): string[] {
  const values = new Set<string>();
  if (isRecord(event.headers)) {
    for (const [key, value] of Object.entries(event.headers)) if (key.toLowerCase() === name && typeof value === "string") values.add(value);
  }
  if (isRecord(event.multiValueHeaders)) {
    for (const [key, list] of Object.entries(event.multiValueHeaders)) {
      if (key.toLowerCase() === name && Array.isArray(list)) for (const value of list) if (typeof value === "string") values.add(value);
    }
  }
  return [...values];
}

/** Rewrites each `name=value` of a Cookie header: a function returning the new pair, or undefined to drop it. */
function mapCookies(header: string, map: (name: string, value: string) => string | undefined): string | undefined {
  const kept = header
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .flatMap((part) => {
      const at = part.indexOf("=");
      const mapped = at < 0 ? map(part, "") : map(part.slice(0, at).trim(), part.slice(at + 1).trim());
      return mapped === undefined ? [] : [mapped];
    });
  return kept.length > 0 ? kept.join("; ") : undefined;
}

/** Applies `drop` (header names) and `cookie` (Cookie header rewrite) to both header maps of a copy of the event. */
function rewrite<E extends HeaderedEvent>(event: E, drop: readonly string[], cookie: (header: string) => string | undefined): E {
  const single = (value: unknown) => (typeof value === "string" ? cookie(value) : undefined);
  const copy = { ...event };
  if (isRecord(event.headers)) {
    const headers: Headers = {};
    for (const [key, value] of Object.entries(event.headers)) {
      const name = key.toLowerCase();
      if (drop.includes(name)) continue;
      const next = name === "cookie" ? single(value) : value;
      if (next !== undefined) headers[key] = next;
    }
    copy.headers = headers;
  }
  if (isRecord(event.multiValueHeaders)) {
    const headers: Headers = {};
    for (const [key, list] of Object.entries(event.multiValueHeaders)) {
      const name = key.toLowerCase();
      if (drop.includes(name)) continue;
      if (name !== "cookie") headers[key] = list;
      else if (Array.isArray(list)) {
        const values = list.flatMap((v) => single(v) ?? []);
        if (values.length > 0) headers[key] = values;
      }
    }
    copy.multiValueHeaders = headers;
  }
  return copy;
}

/** For an echo: credential headers removed, every cookie's value redacted (its name kept). */
export function redactForEcho<E extends HeaderedEvent>(event: E): E {
  return rewrite(event, CREDENTIAL_HEADERS, (header) => mapCookies(header, (name) => `${name}=${REDACTED}`));
}

/** For the app behind the gate: the gate's credential headers and the Access cookies removed; the app's own cookies and `authorization` kept. */
export function stripGateCredentials<E extends HeaderedEvent>(event: E): E {
  return rewrite(event, GATE_HEADERS, (header) => mapCookies(header, (name, value) => (ACCESS_COOKIES.includes(name.toLowerCase()) ? undefined : `${name}=${value}`)));
}

/** The credential values an event carries (header values and every cookie value), to scrub from log text. */
export function credentialValues(event: HeaderedEvent): string[] {
  const secrets = CREDENTIAL_HEADERS.flatMap((name) => headerValues(event, name));
  for (const header of headerValues(event, "cookie")) {
    mapCookies(header, (_, value) => {
      secrets.push(value);
      return undefined;
    });
  }
  return secrets.filter((s) => s.length >= 6).flatMap((s) => {
    try {
      return [s, decodeURIComponent(s)];
    } catch {
      return [s];
    }
  });
}

/** JWT-like (base64url JSON header), PEM and URL-encoded PEM text. */
const SECRET_PATTERNS = [/eyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){0,2}/g, /-----BEGIN[\s\S]*?(?:-----END[^-]*-----|$)/g, /-----BEGIN(?:%20|\+)[\s\S]*?(?:-----END[^-]*-----|$)/g];

/** Log text with the given secret values, and anything that looks like a token or a PEM block, replaced. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, REDACTED);
  return out;
}
