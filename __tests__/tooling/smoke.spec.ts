/**
 * scripts/smoke.mjs against local HTTPS servers standing in for the ALB (mutual TLS) and
 * Cloudflare (Access redirect), with certificates made in the test. The checks call the command
 * in-process (its output and exit code); a full pass (exit code 0) and a run that must end within
 * its timeout (exit code 1) run as `npm run smoke` does, in processes of their own: the process's
 * exit code is the command's, whatever it is. The tests run concurrently.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, Server, ServerOptions } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import { smoke as runSmoke } from "../../scripts/smoke.mjs";
import { asProcess, inProcess } from "../commands";
import { setUpOnce } from "../run-specs";
import { Issued, SERVER_AUTH, issue } from "../tls-fixtures";

const dir = mkdtempSync(join(tmpdir(), "smoke-"));
const TOKEN = { id: "88bf3e1b0c5d.access", secret: "s3cr3t" };
const servers: Server[] = [];
const url: Record<string, string> = {};
let serverCa: Issued, clientCa: Issued, server: Issued, client: Issued, strangerClient: Issued;
const files: Record<string, string> = {};

const echo = (subject: string) =>
  JSON.stringify({ message: "Hello from Lambda!", event: { headers: { "x-amzn-mtls-clientcert-subject": subject } } });

async function listen(name: string, options: ServerOptions, handler: Parameters<typeof createServer>[1]) {
  const s = createServer({ key: await server.keyPem(), cert: server.pem, ...options }, handler);
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  url[name] = `https://localhost:${(s.address() as AddressInfo).port}/`;
}

/** The certificates, files and servers, made once; every test awaits them (setUpOnce). */
const ready = setUpOnce(makeServers);

async function makeServers() {
  serverCa = await issue({ subject: "CN=Test Server CA", ca: true });
  clientCa = await issue({ subject: "CN=Test Client CA", ca: true });
  server = await issue({ subject: "CN=localhost", issuer: serverCa, eku: [SERVER_AUTH], dns: ["localhost", "*.example.com"], ips: ["127.0.0.1"] });
  client = await issue({ subject: "CN=Client Certificate", issuer: clientCa });
  strangerClient = await issue({ subject: "CN=Client Certificate", issuer: await issue({ subject: "CN=Other CA", ca: true }) });
  for (const [name, content] of Object.entries({
    ca: serverCa.pem,
    cert: client.pem,
    key: await client.keyPem(),
    strangerCert: strangerClient.pem,
    strangerKey: await strangerClient.keyPem(),
  })) {
    files[name] = join(dir, name);
    writeFileSync(files[name], content);
  }
  // The ALB in verify mode: no valid client certificate, no HTTP at all.
  await listen("mtls", { requestCert: true, rejectUnauthorized: true, ca: clientCa.pem }, (req, res) => {
    const peer = (req.socket as TLSSocket).getPeerCertificate();
    res.writeHead(200, { "content-type": "application/json" }).end(echo(`CN=${peer.subject.CN}`));
  });
  // Pass-through mode with the guard backend: 403 without a certificate.
  await listen("passthrough", { requestCert: true, rejectUnauthorized: false, ca: clientCa.pem }, (req, res) => {
    const ok = (req.socket as TLSSocket).authorized;
    res.writeHead(ok ? 200 : 403, { "content-type": "application/json" }).end(ok ? JSON.stringify({ verified: { clientCertificate: { subject: "CN=Client Certificate" } } }) : '{"error":"forbidden"}');
  });
  // Mutual TLS forgotten: anyone gets in.
  await listen("open", {}, (_req, res) => res.writeHead(200).end(echo("CN=none")));
  // Cloudflare in front of Access.
  await listen("access", {}, (_req, res) => res.writeHead(302, { location: "https://acme.cloudflareaccess.com/cdn-cgi/access/login/app.example.com" }).end());
  // The ALB with several applications: routes on the Host header, the listener's 404 otherwise.
  await listen("router", { requestCert: true, rejectUnauthorized: true, ca: clientCa.pem }, (req, res) => {
    const routes: Record<string, [number, string]> = {
      "hello.example.com": [200, "<h1>Hello</h1>"],
      "wiki.example.com": [403, '{"error":"forbidden","reason":"access_token_missing"}'],
      "broken.example.com": [502, "Bad Gateway"],
    };
    const [status, body] = routes[String(req.headers.host)] ?? [404, "Not Found"];
    res.writeHead(status, { "content-type": "text/plain" }).end(body);
  });
  // Cloudflare Access with a service token: the right headers reach the origin (through mTLS), others get the login.
  await listen("tokenAccess", {}, (req, res) => {
    const host = String(req.headers.host).split(":")[0];
    if (req.headers["cf-access-client-id"] !== TOKEN.id || req.headers["cf-access-client-secret"] !== TOKEN.secret) {
      return void res.writeHead(302, { location: `https://acme.cloudflareaccess.com/cdn-cgi/access/login/${host}` }).end();
    }
    if (host === "down.example.com") return void res.writeHead(526, { server: "cloudflare" }).end("Invalid SSL certificate");
    res.writeHead(200, { "content-type": "application/json" }).end('{"gate":{"access":{"kind":"serviceToken"}}}');
  });
  // Accepts the connection, never answers.
  await listen("hang", {}, () => undefined);
}

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

/** A CLI run is stopped after this; a test waits as long (Jest's 5 s default is short for processes run side by side). */
const CLI_TIMEOUT_MS = 15_000;
jest.setTimeout(CLI_TIMEOUT_MS + 5_000);

/** The command in-process (`smoke()` of scripts/smoke.mjs): its output and exit code. */
const smoke = (...args: string[]) => inProcess((io) => runSmoke(args, io));

/** The command as `npm run smoke` runs it: a process of its own. */
const smokeProcess = (...args: string[]) => asProcess("smoke.mjs", args, { timeout: CLI_TIMEOUT_MS });
const row = (out: string, check: string) => out.split("\n").find((l) => l.startsWith(check)) ?? "";
const base = () => ["--ca", files.ca, "--cert", files.cert, "--key", files.key, "--timeout-ms", "3000"];

describe("npm run smoke", () => {
  it.concurrent("passes all three checks against a mutual-TLS origin and an Access redirect, the origin given by its address", async () => {
    await ready();
    // https://127.0.0.1:<port>/: no server name is sent (RFC 6066 allows none for an address, and
    // Node would print a warning), and the certificate is checked against the address.
    const byAddress = url.mtls.replace("localhost", "127.0.0.1");
    const { code, out, stderr } = await smokeProcess("--origin-url", byAddress, "--app-url", url.access, ...base());
    expect(stderr).toBe("");
    expect(out).toMatch(/^origin without client certificate is refused +\| PASS +\| refused: /m);
    expect(out).toMatch(/^origin with client certificate answers 200 with mTLS headers +\| PASS +\| 200, 1 mTLS headers/m);
    expect(out).toMatch(/^application hostname redirects to Cloudflare Access login +\| PASS +\| 302 to acme\.cloudflareaccess\.com/m);
    expect(out.trim().split("\n").pop()).toBe("smoke: 3 passed, 0 failed, 0 skipped");
    expect(code).toBe(0);
  });

  it.concurrent("accepts the guard's 403 and verified identity in pass-through mode", async () => {
    await ready();
    const { code, out } = await smoke("--origin-url", url.passthrough, "--app-url", url.access, ...base());
    expect(row(out, "origin without client")).toContain("403 from the backend");
    expect(row(out, "origin with client")).toContain("verified CN=Client Certificate");
    expect(code).toBe(0);
  });

  it.concurrent("fails when the origin lets a request without a certificate in", async () => {
    await ready();
    const { code, out } = await smoke("--origin-url", url.open, "--app-url", url.access, ...base());
    expect(row(out, "origin without client")).toMatch(/FAIL +\| answered 200 without a client certificate/);
    expect(code).toBe(1);
  });

  it.concurrent("fails check 2 with a client certificate from a CA the origin does not trust", async () => {
    await ready();
    const { code, out } = await smoke("--origin-url", url.mtls, "--ca", files.ca, "--cert", files.strangerCert, "--key", files.strangerKey);
    expect(row(out, "origin with client")).toContain("FAIL");
    expect(code).toBe(1);
  });

  it.concurrent("fails check 3 when the hostname answers instead of redirecting to Access", async () => {
    await ready();
    const { code, out } = await smoke("--app-url", url.open, "--ca", files.ca, "--timeout-ms", "3000");
    expect(row(out, "application hostname")).toMatch(/FAIL +\| answered 200/);
    expect(code).toBe(1);
  });

  it.concurrent("stops before any request when the client certificate and key do not match", async () => {
    await ready();
    const { code, out } = await smoke("--origin-url", url.mtls, "--ca", files.ca, "--cert", files.cert, "--key", files.strangerKey);
    expect(out).toMatch(/^smoke: the client certificate and key cannot be used: .*key values mismatch/m);
    expect(code).toBe(1);
  });

  it.concurrent("does not count an origin that cannot be reached as a refusal", async () => {
    await ready();
    const { out } = await smoke("--origin-url", "https://127.0.0.1:1/", "--timeout-ms", "2000");
    expect(row(out, "origin without client")).toMatch(/FAIL +\| not reached: ECONNREFUSED/);
  });

  it.concurrent("reports what it could not check as SKIP", async () => {
    await ready();
    const { code, out } = await smoke("--origin-url", url.mtls, "--ca", files.ca);
    expect(row(out, "origin with client")).toMatch(/SKIP +\| no client certificate/);
    expect(row(out, "application hostname")).toMatch(/SKIP +\| no application URL/);
    expect(out).toContain("smoke: 1 passed, 0 failed, 2 skipped");
    expect(code).toBe(0);
  });

  it.concurrent("reads URLs, certificate and key from the stack's outputs", async () => {
    await ready();
    const outputsFile = join(dir, "outputs.json");
    writeFileSync(
      outputsFile,
      JSON.stringify({
        origin_url: { value: url.mtls, sensitive: false },
        application_url: { value: url.access, sensitive: false },
        client_certificate_pem: { value: client.pem, sensitive: true },
        client_private_key_pem: { value: await client.keyPem(), sensitive: true },
      }),
    );
    const { code, out } = await smoke("article", "--outputs-file", outputsFile, "--ca", files.ca, "--timeout-ms", "3000");
    expect(out).toContain("smoke: 3 passed, 0 failed, 0 skipped");
    expect(code).toBe(0);
  });

  describe("a stack with applications", () => {
    async function outputs(apps: string[]): Promise<string> {
      const file = join(dir, `outputs-${apps.join("-")}.json`);
      const applications = Object.fromEntries(apps.map((a) => [a, { url: url.access.replace("localhost", `${a}.example.com`), access_application_aud: "aud" }]));
      writeFileSync(
        file,
        JSON.stringify({
          origin_url: { value: url.router },
          applications: { value: applications },
          client_certificate_pem: { value: client.pem, sensitive: true },
          client_private_key_pem: { value: await client.keyPem(), sensitive: true },
        }),
      );
      return file;
    }
    // *.example.com resolves nowhere here: --resolve points the hostnames at the local "Cloudflare".
    const hosts = () => ["--timeout-ms", "3000", "--ca", files.ca, "--resolve", "hello.example.com:127.0.0.1,wiki.example.com:127.0.0.1,missing.example.com:127.0.0.1,broken.example.com:127.0.0.1"];

    it.concurrent("checks the origin once, then that every application is routed and behind Access", async () => {
      await ready();
      const file = await outputs(["hello", "wiki"]);
      const { code, out } = await smoke("apps", "--outputs-file", file, ...hosts());
      expect(row(out, "origin without client")).toContain("PASS");
      expect(row(out, "hello: origin with client certificate routes hello.example.com")).toMatch(/PASS +\| 200 from the application/);
      expect(row(out, "wiki: origin with client certificate routes wiki.example.com")).toMatch(/PASS +\| 403 from the application \(gate: access_token_missing\)/);
      expect(row(out, "hello: hostname redirects")).toMatch(/PASS +\| 302 to acme\.cloudflareaccess\.com/);
      expect(row(out, "wiki: hostname redirects")).toMatch(/PASS/);
      expect(out).not.toContain("application hostname redirects"); // no single-application checks
      expect(out).toContain("smoke: 5 passed, 0 failed, 0 skipped");
      expect(code).toBe(0);
    });

    it.concurrent("fails an application the listener has no rule for, or whose target fails", async () => {
      await ready();
      const file = await outputs(["hello", "missing", "broken"]);
      const { code, out } = await smoke("apps", "--outputs-file", file, ...hosts());
      expect(row(out, "missing: origin with client")).toMatch(/FAIL +\| the listener's default 404: no rule for host missing\.example\.com/);
      expect(row(out, "broken: origin with client")).toMatch(/FAIL +\| 502 from the ALB: the target is failing/);
      expect(code).toBe(1);
    });
  });

  describe("--service-token", () => {
    async function outputs(apps: Record<string, string[]>, secret = TOKEN.secret, expiresAt = "2099-01-01T00:00:00Z"): Promise<string> {
      const file = join(dir, `outputs-token-${Object.keys(apps).join("-")}-${secret}-${expiresAt.slice(0, 4)}.json`);
      const applications = Object.fromEntries(
        Object.entries(apps).map(([a, tokens]) => [a, { url: url.tokenAccess.replace("localhost", `${a}.example.com`), access_application_aud: "aud", service_tokens: tokens }]),
      );
      writeFileSync(
        file,
        JSON.stringify({
          applications: { value: applications },
          service_tokens: { value: { ci: { client_id: TOKEN.id, expires_at: expiresAt }, probe: { client_id: "other.access", expires_at: expiresAt } } },
          service_token_client_secrets: { value: { ci: secret, probe: "x" }, sensitive: true },
        }),
      );
      return file;
    }
    const hosts = () => ["--timeout-ms", "3000", "--ca", files.ca, "--resolve", "wiki.example.com:127.0.0.1,reports.example.com:127.0.0.1,down.example.com:127.0.0.1"];

    it.concurrent("passes Access with the token's headers on every application that lets it in, and says what that proved", async () => {
      await ready();
      const file = await outputs({ wiki: ["probe"], reports: ["ci"] });
      const { out } = await smoke("team", "--outputs-file", file, "--service-token", "ci", ...hosts());
      expect(row(out, "reports: service token ci passes Access and reaches the origin")).toMatch(
        /PASS +\| 200 from the application: Access let the token in, the origin answered through Cloudflare's client certificate$/,
      );
      expect(out).not.toContain("wiki: service token"); // wiki does not let ci in
      expect(row(out, "wiki: hostname redirects")).toContain("PASS"); // without the token: the login
    });

    it.concurrent("checks the single default application when its Access application lets the token in", async () => {
      await ready();
      const file = join(dir, "outputs-token-single.json");
      writeFileSync(
        file,
        JSON.stringify({
          application_url: { value: url.tokenAccess.replace("localhost", "app.example.com") },
          access_service_tokens: { value: ["ci"] },
          service_tokens: { value: { ci: { client_id: TOKEN.id, expires_at: "2099-01-01T00:00:00Z" } } },
          service_token_client_secrets: { value: { ci: TOKEN.secret }, sensitive: true },
        }),
      );
      const { out } = await smoke("article", "--outputs-file", file, "--service-token", "ci", "--timeout-ms", "3000", "--ca", files.ca, "--resolve", "app.example.com:127.0.0.1");
      expect(row(out, "service token ci passes Access and reaches the origin")).toMatch(/PASS +\| 200 from the application: Access let the token in/);
    });

    it.concurrent("fails when Access does not take the token, or Cloudflare cannot reach the origin", async () => {
      await ready();
      const wrong = await outputs({ reports: ["ci"] }, "wrong-secret");
      const refused = await smoke("team", "--outputs-file", wrong, "--service-token", "ci", ...hosts());
      expect(row(refused.out, "reports: service token ci")).toMatch(/FAIL +\| 302 to the Access login: Access did not take the token/);
      expect(refused.code).toBe(1);
      const down = await smoke("team", "--outputs-file", await outputs({ down: ["ci"] }), "--service-token", "ci", ...hosts());
      expect(row(down.out, "down: service token ci")).toMatch(/FAIL +\| 526 from Cloudflare: Access let the token in, but Cloudflare could not reach or be trusted by the origin/);
    });

    it.concurrent("says when the token expires soon, and refuses a token the stack does not have", async () => {
      await ready();
      const soon = new Date(Date.now() + 10 * 86_400_000 + 3_600_000).toISOString();
      const { out } = await smoke("team", "--outputs-file", await outputs({ reports: ["ci"] }, TOKEN.secret, soon), "--service-token", "ci", ...hosts());
      expect(row(out, "reports: service token ci")).toMatch(/PASS .*; the token expires in 10 days: rotate it \(docs\/access\.md\)$/);
      const missing = await smoke("team", "--outputs-file", await outputs({ reports: ["ci"] }), "--service-token", "deploy", ...hosts());
      expect(missing.out).toContain("smoke: --service-token deploy: the stack's outputs have no such token (tokens: ci, probe)");
      expect(missing.code).toBe(2);
      const none = await smoke("team", "--outputs-file", await outputs({ wiki: ["probe"] }), "--service-token", "ci", ...hosts());
      expect(row(none.out, "service token ci passes Access")).toMatch(/FAIL +\| no application lets this token in/);
    });
  });

  it.concurrent("exits 2 with the usage on bad arguments", async () => {
    await ready();
    const cases = [[], ["--origin-url"], ["--bogus", "x"], ["--origin-url", url.mtls, "--resolve", "nocolon"], ["--origin-url", url.mtls, "--cert", files.cert], ["--origin-url", url.mtls, "--timeout-ms", "soon"], ["--origin-url", url.mtls, "--service-token", "ci"]];
    const results = await Promise.all(cases.map((args) => smoke(...args)));
    for (const [i, args] of cases.entries()) {
      const { code, out } = results[i];
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(out).toContain("usage: npm run smoke");
    }
  });

  // Run beside the others: the bound checked (5 s for a 500 ms timeout) leaves room for a busy machine.
  it.concurrent("ends within the timeout against a server that never answers", async () => {
    await ready();
    const started = Date.now();
    const { code, out } = await smokeProcess("--origin-url", url.hang, ...base().slice(0, -2), "--timeout-ms", "500");
    expect(row(out, "origin without client")).toMatch(/FAIL +\| not reached: TIMEOUT: no answer within 500 ms/);
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
