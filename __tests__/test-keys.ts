/**
 * RSA key pairs for tests, made once per checkout: generating an RSA-2048 key takes about 0.2 s of
 * CPU, and the suite needs a dozen. Each is kept as a PKCS#8 PEM file in
 * node_modules/.cache/alb-mtls-test-keys/ (beside Jest's cache: `npm ci` starts both afresh, and
 * nothing is written to the system temp directory). A name is one key: the same name gives the
 * same key, so a test that needs two different keys gives two names.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, webcrypto, type KeyObject } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const CACHE = join(__dirname, "..", "node_modules", ".cache", "alb-mtls-test-keys");

function privatePem(name: string, bits: number): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`test key name ${JSON.stringify(name)}: lowercase letters, digits and hyphens`);
  const file = join(CACHE, `${name}-rsa${bits}.pem`);
  try {
    return readFileSync(file, "utf8");
  } catch {
    const pem = generateKeyPairSync("rsa", { modulusLength: bits }).privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    mkdirSync(CACHE, { recursive: true });
    // Written aside, then renamed: a test in the other worker reads a whole key or none.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, pem, { mode: 0o600 });
    renameSync(partial, file);
    return pem;
  }
}

/** The RSA key pair `name` as node:crypto key objects. */
export function rsaKeyObjects(name: string, bits = 2048): { privateKey: KeyObject; publicKey: KeyObject } {
  const privateKey = createPrivateKey(privatePem(name, bits));
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** The RSA key pair `name` as WebCrypto keys (extractable) for `algorithm`, RS256's by default. */
export async function rsaCryptoKeys(
  name: string,
  { bits = 2048, algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } }: { bits?: number; algorithm?: webcrypto.RsaHashedImportParams } = {},
): Promise<webcrypto.CryptoKeyPair> {
  const { privateKey, publicKey } = rsaKeyObjects(name, bits);
  const der = (key: KeyObject, type: "pkcs8" | "spki") => key.export({ type, format: "der" });
  return {
    privateKey: await webcrypto.subtle.importKey("pkcs8", der(privateKey, "pkcs8"), algorithm, true, ["sign"]),
    publicKey: await webcrypto.subtle.importKey("spki", der(publicKey, "spki"), algorithm, true, ["verify"]),
  };
}
