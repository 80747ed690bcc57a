/** Hand-made JWT parts for tests: what a signing library will not make (unsigned or forged tokens). */

/** A JSON value as a JWT segment (base64url of its JSON). */
export const base64urlJson = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/**
 * A token whose `kid` names no published key, as an attacker sends it: its signature is never
 * looked at (the key lookup fails first), so it is not signed.
 */
export const unknownKidToken = (kid: string, claims: { iss: string; aud: string }): string =>
  `${base64urlJson({ alg: "RS256", kid })}.${base64urlJson({ email: "alice@example.com", ...claims })}.c2ln`;
