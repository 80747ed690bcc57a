// npm run smoke -- <stack> [--service-token NAME] | --origin-url URL --app-url URL --cert FILE --key FILE [--ca FILE] [--timeout-ms N]
//
// The article's three manual checks, after every deploy:
//   1. the origin refuses a request without a client certificate (TLS handshake fails, or 403 from
//      the guard backend in pass-through mode);
//   2. the origin answers 200 with the mTLS headers when the client certificate is given;
//   3. the application hostname redirects to the Cloudflare Access login.
// A stack with applications (output `applications`) gets check 1 once, then for every application:
//   2'. the origin, asked with the client certificate for the application's hostname (Host header),
//       routes to it: anything but the listener's default 404, a 502/503/504 or a TLS failure;
//   3'. its hostname redirects to the Cloudflare Access login.
// With --service-token NAME (a stack's `serviceTokens` key), for every application that lets the token in:
//   4. a request with the token's CF-Access-Client-Id / CF-Access-Client-Secret headers passes Access
//      and is answered by the origin through Cloudflare's client certificate (not the Access login,
//      not an Access 403, not a Cloudflare 52x); the token's expiry is printed when it is near.
// Prints a table and "smoke: N passed, N failed"; exit 0 when all pass, 1 when one fails, 2 on a
// usage error. Every request is bounded by --timeout-ms (default 10000).
import { lookup as dnsLookup } from "node:dns";
import { readFileSync } from "node:fs";
import { request } from "node:https";
import { isIP } from "node:net";
import { createSecureContext, rootCertificates } from "node:tls";
import { isMain } from "./is-main.mjs";
import { UsageError, failure, parseArgs, readOutputs } from "./stack-outputs.mjs";

const USAGE = `usage: npm run smoke -- <stack> [options]
       npm run smoke -- --origin-url URL --app-url URL --cert FILE --key FILE [options]

  <stack>               read the URLs, certificate and key from the stack's outputs
  --outputs-file FILE   a saved \`terraform output -json\` instead of running terraform
  --origin-url URL      the ALB origin, e.g. https://myapp.aws.example.com
  --app-url URL         the Cloudflare hostname, e.g. https://alb-mtls-test.example.com
  --cert FILE --key FILE  client certificate and key (PEM), e.g. from npm run client-cert
  --ca FILE             an extra trusted CA for the servers' certificates (public ACM and
                        Cloudflare certificates need none)
  --timeout-ms N        per-request limit (default 10000)
  --service-token NAME  also pass Access as a machine: the stack's service token NAME (client ID
                        and secret from the stack's outputs) on every application that lets it in
  --resolve HOST:ADDR   connect to ADDR for HOST, like curl's --resolve (comma-separated for several):
                        to check before DNS has changed, or against one Cloudflare edge`;

/** Errors that mean nothing was reached at all: not a refusal by mutual TLS. */
const UNREACHED = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH"]);
/** OpenSSL verify errors about the server's certificate (a TLS alert such as ERR_SSL_…_CERTIFICATE_REQUIRED is a refusal). */
const SERVER_CERT = /^(UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_|ERR_TLS_CERT_ALTNAME)/;

/**
 * One GET, never following redirects: { status, headers, body } or { error }. `host` sets the Host
 * header (SNI stays the URL's). `tls` holds the two TLS contexts of the run (made once: parsing the
 * trusted roots for every request was most of the command's time): `withCert` is used when `cert`
 * is given, `without` otherwise.
 */
function get(url, { cert, tls, timeoutMs, host, resolve: pinned, headers: extraHeaders = {} }) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (result) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        resolve(result);
      }
    };
    const headers = { "user-agent": "alb-mtls-smoke", ...(host ? { host } : {}), ...extraHeaders };
    const lookup = (hostname, options, callback) => {
      const address = pinned?.get(hostname);
      if (address === undefined) return dnsLookup(hostname, options, callback);
      const family = address.includes(":") ? 6 : 4;
      return options.all ? callback(null, [{ address, family }]) : callback(null, address, family);
    };
    const secureContext = cert ? tls.withCert : tls.without;
    // The TLS server name is the URL's, not a Host header's (Node would take that one): the origin's
    // certificate is for the URL's name. An origin given by its address (https://203.0.113.10/) gets
    // none (""), as browsers do: RFC 6066 allows only host names there, and Node warns on an
    // address. Its certificate is then checked against the address.
    const { hostname } = new URL(url);
    const servername = isIP(hostname.replace(/^\[(.*)\]$/, "$1")) ? "" : hostname;
    const req = request(url, { method: "GET", secureContext, agent: false, headers, servername, lookup }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body.length < 1_000_000 ? (body += chunk) : undefined));
      res.on("end", () => finish({ status: res.statusCode, headers: res.headers, body }));
      res.on("error", (error) => finish({ error }));
    });
    const timer = setTimeout(() => {
      finish({ error: Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "TIMEOUT" }) });
      req.destroy();
    }, timeoutMs);
    req.on("error", (error) => finish({ error }));
    req.end();
  });
}

const describe = (error) => `${error.code ?? "error"}: ${error.message}`.slice(0, 160);

async function refusedWithoutCertificate(origin, opts) {
  const r = await get(origin, { ...opts, cert: undefined });
  if (r.error) {
    if (r.error.code === "TIMEOUT" || UNREACHED.has(r.error.code)) return ["FAIL", `not reached: ${describe(r.error)}`];
    if (SERVER_CERT.test(r.error.code ?? "")) return ["FAIL", `origin's server certificate not trusted: ${describe(r.error)}`];
    return ["PASS", `refused: ${describe(r.error)}`];
  }
  if (r.status === 403) return ["PASS", "403 from the backend (pass-through mode)"];
  return ["FAIL", `answered ${r.status} without a client certificate`];
}

async function answersWithCertificate(origin, opts) {
  const r = await get(origin, opts);
  if (r.error) return ["FAIL", describe(r.error)];
  if (r.status !== 200) return ["FAIL", `answered ${r.status}`];
  let body;
  try {
    body = JSON.parse(r.body);
  } catch {
    return ["FAIL", "200, but the body is not the echo backend's JSON"];
  }
  const headers = Object.keys(body?.event?.headers ?? {});
  if (headers.some((h) => h.startsWith("x-amzn-mtls-clientcert"))) return ["PASS", `200, ${headers.filter((h) => h.startsWith("x-amzn-mtls")).length} mTLS headers`];
  if (body?.verified?.clientCertificate) return ["PASS", `200, verified ${body.verified.clientCertificate.subject}`];
  return ["FAIL", "200, but no mTLS headers: is mutual TLS on?"];
}

/** 2'. The listener routes the application's hostname to a target that answers. */
async function reachesApplication(origin, host, opts) {
  const r = await get(origin, { ...opts, host });
  if (r.error) return ["FAIL", describe(r.error)];
  if (r.status === 404 && r.body.trim() === "Not Found") return ["FAIL", `the listener's default 404: no rule for host ${host}`];
  if ([502, 503, 504].includes(r.status)) return ["FAIL", `${r.status} from the ALB: the target is failing, unhealthy or too slow`];
  return ["PASS", `${r.status} from the application${r.status === 403 && r.body.includes('"reason"') ? ` (gate: ${JSON.parse(r.body).reason})` : ""}`];
}

async function redirectsToAccess(app, opts) {
  const r = await get(app, { ...opts, cert: undefined });
  if (r.error) return ["FAIL", describe(r.error)];
  const location = String(r.headers.location ?? "");
  if ([302, 303].includes(r.status) && (location.includes("cloudflareaccess.com") || location.includes("/cdn-cgi/access/login"))) {
    return ["PASS", `${r.status} to ${new URL(location, app).host}`];
  }
  return ["FAIL", `answered ${r.status}${location ? ` to ${location.slice(0, 80)}` : ""}, not a redirect to the Access login`];
}

/** Cloudflare's own errors when it cannot reach or trust the origin (520–527, 530). */
const CLOUDFLARE_ORIGIN_ERRORS = new Set([520, 521, 522, 523, 524, 525, 526, 527, 530]);
const DAY_MS = 86_400_000;

/** 4. A request with the service token's headers passes Access and reaches the origin. */
async function passesWithServiceToken(url, token, opts) {
  const headers = { "cf-access-client-id": token.clientId, "cf-access-client-secret": token.clientSecret };
  const r = await get(url, { ...opts, cert: undefined, headers });
  if (r.error) return ["FAIL", describe(r.error)];
  const location = String(r.headers.location ?? "");
  if ([302, 303].includes(r.status) && (location.includes("cloudflareaccess.com") || location.includes("/cdn-cgi/access/login"))) {
    return ["FAIL", `${r.status} to the Access login: Access did not take the token (wrong or expired secret, or no non_identity policy names it)`];
  }
  if (r.status === 403 && /cloudflare|access/i.test(String(r.headers.server ?? "") + r.body.slice(0, 2000)) && !r.body.includes('"reason"')) {
    return ["FAIL", "403 from Cloudflare Access: the token is not let in here"];
  }
  if (CLOUDFLARE_ORIGIN_ERRORS.has(r.status)) return ["FAIL", `${r.status} from Cloudflare: Access let the token in, but Cloudflare could not reach or be trusted by the origin (mTLS)`];
  const expiry = Date.parse(token.expiresAt ?? "");
  const days = Number.isNaN(expiry) ? undefined : Math.floor((expiry - Date.now()) / DAY_MS);
  const soon = days !== undefined && days < 30 ? `; the token expires in ${days} days: rotate it (docs/access.md)` : "";
  const gate = r.status === 403 && r.body.includes('"reason"') ? ` (gate: ${JSON.parse(r.body).reason})` : "";
  return ["PASS", `${r.status} from the application${gate}: Access let the token in, the origin answered through Cloudflare's client certificate${soon}`];
}

/** The service token `name` from the stack's outputs: client ID, secret and expiry. */
function serviceToken(outputs, name) {
  const declared = outputs.service_tokens && typeof outputs.service_tokens === "object" ? outputs.service_tokens : {};
  const token = declared[name];
  if (!token) {
    const names = Object.keys(declared);
    throw new UsageError(`--service-token ${name}: the stack's outputs have no such token (${names.length ? `tokens: ${names.join(", ")}` : "no service_tokens output: the stack declares no serviceTokens"})`);
  }
  const clientSecret = outputs.service_token_client_secrets?.[name];
  if (typeof clientSecret !== "string") throw new Error(`--service-token ${name}: no client secret in the outputs (service_token_client_secrets); \`terraform output -json\` shows it`);
  return { name, clientId: token.client_id, clientSecret, expiresAt: token.expires_at };
}

/**
 * A TLS context for these options, made once per process: a run needs two, and the tests, which
 * call smoke() many times in one process, would otherwise parse the trusted roots every time.
 */
const contexts = new Map();
function context(what, options) {
  const key = JSON.stringify(options);
  if (!contexts.has(key)) {
    try {
      contexts.set(key, createSecureContext(options));
    } catch (e) {
      throw new Error(`${what} cannot be used: ${e.message}`);
    }
  }
  return contexts.get(key);
}

async function main(argv, print) {
  const { options, positional } = parseArgs(argv, ["origin-url", "app-url", "cert", "key", "ca", "timeout-ms", "outputs-file", "resolve", "service-token"]);
  if (options.help) {
    print(USAGE);
    return 0;
  }
  if (positional.length > 1) throw new UsageError("one <stack> at a time");
  const timeoutMs = options["timeout-ms"] === undefined ? 10_000 : Number(options["timeout-ms"]);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError("--timeout-ms takes a whole number of milliseconds");
  if ((options.cert === undefined) !== (options.key === undefined)) throw new UsageError("--cert and --key go together");

  if (options["service-token"] !== undefined && positional.length === 0) throw new UsageError("--service-token needs a <stack>: the token's client ID and secret come from its outputs");
  const outputs = positional.length === 1 ? readOutputs(positional[0], options["outputs-file"]) : {};
  const token = options["service-token"] === undefined ? undefined : serviceToken(outputs, options["service-token"]);
  if (positional.length === 0 && !options["origin-url"] && !options["app-url"]) throw new UsageError("give a <stack> or --origin-url/--app-url");
  const origin = options["origin-url"] ?? outputs.origin_url;
  const app = options["app-url"] ?? outputs.application_url;
  const file = (f) => readFileSync(f, "utf8");
  const cert = options.cert ? file(options.cert) : outputs.client_certificate_pem;
  const key = options.key ? file(options.key) : outputs.client_private_key_pem;
  // --ca adds to Node's default roots (a `ca` option alone would replace them).
  const resolve = new Map(
    (options.resolve ?? "").split(",").filter(Boolean).map((pair) => {
      const at = pair.indexOf(":");
      if (at <= 0 || at === pair.length - 1) throw new UsageError(`--resolve takes HOST:ADDRESS, got ${JSON.stringify(pair)}`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
  const ca = options.ca ? [...rootCertificates, file(options.ca)] : undefined;
  const tls = {
    without: context("--ca", { ca }),
    withCert: cert ? context("the client certificate and key", { ca, cert, key }) : undefined,
  };
  const opts = { cert, tls, timeoutMs, resolve };

  const applications = outputs.applications && typeof outputs.applications === "object" ? Object.entries(outputs.applications) : [];
  const checks = [["origin without client certificate is refused", origin ? () => refusedWithoutCertificate(origin, opts) : "no origin URL"]];
  if (applications.length === 0) {
    checks.push(
      ["origin with client certificate answers 200 with mTLS headers", !origin ? "no origin URL" : !cert ? "no client certificate" : () => answersWithCertificate(origin, opts)],
      ["application hostname redirects to Cloudflare Access login", app ? () => redirectsToAccess(app, opts) : "no application URL"],
    );
  }
  for (const [name, { url }] of applications) {
    const host = new URL(url).hostname;
    checks.push(
      [`${name}: origin with client certificate routes ${host} to it`, !origin ? "no origin URL" : !cert ? "no client certificate" : () => reachesApplication(origin, host, opts)],
      [`${name}: hostname redirects to Cloudflare Access login`, () => redirectsToAccess(url, opts)],
    );
  }
  if (token) {
    const letIn = applications.length
      ? applications.filter(([, a]) => a.service_tokens?.includes(token.name)).map(([name, a]) => [`${name}: `, a.url])
      : (outputs.access_service_tokens ?? []).includes(token.name) && app ? [["", app]] : [];
    if (letIn.length === 0) checks.push([`service token ${token.name} passes Access`, () => ["FAIL", "no application lets this token in (access.serviceTokens)"]]);
    for (const [prefix, url] of letIn) checks.push([`${prefix}service token ${token.name} passes Access and reaches the origin`, () => passesWithServiceToken(url, token, opts)]);
  }
  const rows = [];
  for (const [name, run] of checks) rows.push([name, ...(typeof run === "string" ? ["SKIP", run] : await run())]);

  const width = Math.max(...rows.map((r) => r[0].length));
  print(`${"check".padEnd(width)} | result | detail`);
  for (const [name, result, detail] of rows) print(`${name.padEnd(width)} | ${result.padEnd(6)} | ${detail}`);
  const count = (r) => rows.filter((row) => row[1] === r).length;
  print(`smoke: ${count("PASS")} passed, ${count("FAIL")} failed, ${count("SKIP")} skipped`);
  return count("FAIL") > 0 ? 1 : 0;
}

/**
 * The command, callable in-process (the tests do): prints with `print` and `printError`, and
 * resolves with the exit code: 0 all passed, 1 a check failed, 2 a usage error.
 */
export async function smoke(argv, { print = console.log, printError = console.error } = {}) {
  try {
    return await main(argv, print);
  } catch (e) {
    return failure("smoke", USAGE, e, printError);
  }
}

if (isMain(import.meta.url)) {
  smoke(process.argv.slice(2)).then((code) => process.exit(code));
}
