import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clientCertCommand } from "../../scripts/client-cert.mjs";
import { asProcess, inProcess } from "../commands";

const root = join(__dirname, "..", "..");
const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const KEY = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";
const outputs = {
  origin_url: { sensitive: false, type: "string", value: "https://myapp.aws.example.com" },
  client_certificate_pem: { sensitive: true, type: "string", value: CERT },
  client_private_key_pem: { sensitive: true, type: "string", value: KEY },
};

/** The command in-process (`clientCertCommand` of scripts/client-cert.mjs), in `cwd`: its output and exit code. */
const run = (args: string[], options: { cwd?: string } = {}) => inProcess((io) => clientCertCommand(args, { cwd: options.cwd ?? root, ...io }));
/** The command as `npm run client-cert` runs it: a process of its own (a terraform on its PATH; its exit code is the command's). */
const runProcess = (args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) => asProcess("client-cert.mjs", args, options);
const temps: string[] = [];
const temp = () => {
  temps.push(mkdtempSync(join(tmpdir(), "client-cert-")));
  return temps[temps.length - 1];
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
const mode = (f: string) => statSync(f).mode & 0o777;

describe("npm run client-cert", () => {
  it("writes the certificate and key from the outputs with owner-only permissions and prints the curl line", () => {
    const dir = temp();
    writeFileSync(join(dir, "outputs.json"), JSON.stringify(outputs));
    const { code, out } = run(["article", "--outputs-file", "outputs.json", "--out-dir", "certs"], { cwd: dir });
    expect(code).toBe(0);
    expect(readFileSync(join(dir, "certs/article-client.crt"), "utf8")).toBe(CERT);
    expect(readFileSync(join(dir, "certs/article-client.key"), "utf8")).toBe(KEY);
    expect([mode(join(dir, "certs/article-client.crt")), mode(join(dir, "certs/article-client.key"))]).toEqual([0o600, 0o600]);
    expect(out).toContain("curl --cert certs/article-client.crt --key certs/article-client.key https://myapp.aws.example.com/");
  });

  it("prints one curl line per application: the origin, with the application's Host header", () => {
    const dir = temp();
    const applications = { value: { wiki: { url: "https://wiki.example.com", access_application_aud: "a" }, admin: { url: "https://admin.example.com", access_application_aud: "b" } } };
    writeFileSync(join(dir, "outputs.json"), JSON.stringify({ ...outputs, applications }));
    const { code, out } = run(["apps", "--outputs-file", "outputs.json"], { cwd: dir });
    expect(code).toBe(0);
    const curls = out.split("\n").filter((l) => l.startsWith("curl"));
    expect(curls).toEqual([
      "curl --cert apps-client.crt --key apps-client.key -H 'Host: wiki.example.com' https://myapp.aws.example.com/   # wiki",
      "curl --cert apps-client.crt --key apps-client.key -H 'Host: admin.example.com' https://myapp.aws.example.com/   # admin",
    ]);
  });

  it("tightens the permissions of files that already existed", () => {
    const dir = temp();
    writeFileSync(join(dir, "outputs.json"), JSON.stringify(outputs));
    writeFileSync(join(dir, "article-client.key"), "old");
    chmodSync(join(dir, "article-client.key"), 0o644);
    expect(run(["article", "--outputs-file", "outputs.json"], { cwd: dir }).code).toBe(0);
    expect(mode(join(dir, "article-client.key"))).toBe(0o600);
    expect(readFileSync(join(dir, "article-client.key"), "utf8")).toBe(KEY);
  });

  it("runs terraform output -json in the stack folder by default", async () => {
    const dir = temp();
    const bin = join(dir, "bin");
    mkdirSync(bin);
    mkdirSync(join(dir, "cdktf.out/stacks/prod"), { recursive: true });
    writeFileSync(join(dir, "outputs.json"), JSON.stringify(outputs));
    // A stand-in terraform that checks where and how it was called.
    writeFileSync(
      join(bin, "terraform"),
      `#!/bin/sh\n[ "$1 $2" = "output -json" ] && [ "$(basename "$PWD")" = prod ] && cat "${join(dir, "outputs.json")}" || { echo "bad call: $* in $PWD" >&2; exit 1; }\n`,
    );
    chmodSync(join(bin, "terraform"), 0o755);
    const { code, out } = await runProcess(["prod"], { cwd: dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(out).toContain("wrote prod-client.crt and prod-client.key");
    expect(code).toBe(0);
  });

  it("explains a stack that brings its own certificate (no key in its outputs)", () => {
    const dir = temp();
    writeFileSync(join(dir, "outputs.json"), JSON.stringify({ origin_url: outputs.origin_url }));
    const { code, out } = run(["hardened", "--outputs-file", "outputs.json"], { cwd: dir });
    expect(code).toBe(1);
    expect(out).toContain("client-cert: stack hardened has no client_certificate_pem/client_private_key_pem outputs: it brings its own certificate");
    expect(out).not.toMatch(/^\s+at /m);
  });

  it("names the missing stack folder, and shows the usage on bad arguments", () => {
    const missing = run(["nope"], { cwd: temp() });
    expect(missing.code).toBe(1);
    expect(missing.out).toContain("client-cert: no stack folder cdktf.out/stacks/nope");
    const usage = run([]);
    expect(usage.code).toBe(2);
    expect(usage.out).toContain("usage: npm run client-cert -- <stack>");
  });
});
