/** The example application behind withGate (examples/apps/hello), configured from the environment like a deployment. */
import { handler, hello } from "../../examples/apps/hello";
import { Issued, albHeader, issue } from "../tls-fixtures";

let root: Issued, leaf: Issued, stranger: Issued;
const saved = { ...process.env };

beforeAll(async () => {
  root = await issue({ subject: "CN=Root CA", ca: true });
  leaf = await issue({ subject: "CN=Alice,O=Example", issuer: root });
  stranger = await issue({ subject: "CN=Mallory", issuer: await issue({ subject: "CN=Other CA", ca: true }) });
  // Read once, at the first request: set before it.
  Object.assign(process.env, { MTLS_VERIFY: "true", MTLS_CA_BUNDLE: root.pem });
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(() => {
  process.env = saved;
  jest.restoreAllMocks();
});

const request = (headers: Record<string, string>) => ({ httpMethod: "GET", path: "/", headers });

describe("example app: hello behind withGate", () => {
  it("greets the verified certificate holder in HTML", async () => {
    const res = await handler(request({ "x-amzn-mtls-clientcert": albHeader(leaf) }), {});
    expect(res.statusCode).toBe(200);
    expect(res.headers).toEqual({ "Content-Type": "text/html; charset=utf-8" });
    expect(res.body).toContain("<h1>Hello, CN=Alice,O=Example!</h1>");
  });

  it("answers JSON when asked", async () => {
    const res = await handler(request({ "x-amzn-mtls-clientcert": albHeader(leaf), accept: "application/json" }), {});
    expect(JSON.parse(res.body)).toEqual({ greeting: "Hello, CN=Alice,O=Example!", user: null, serviceToken: null, certificate: "CN=Alice,O=Example" });
  });

  it("is never reached without a trusted certificate", async () => {
    for (const headers of [{}, { "x-amzn-mtls-clientcert": albHeader(stranger) }] as Record<string, string>[]) {
      const res = await handler(request(headers), {});
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain("Hello");
    }
  });

  it("escapes what it puts in HTML", async () => {
    const res = await hello({ headers: {}, gate: { accessUser: '<script>alert("x")</script>' } });
    expect(res.body).toContain("<h1>Hello, &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;!</h1>");
  });

  it("prefers the Access user's e-mail", async () => {
    const res = await hello({ headers: { accept: "application/json" }, gate: { accessUser: "alice@example.com" } });
    expect(JSON.parse(res.body)).toMatchObject({ greeting: "Hello, alice@example.com!", user: "alice@example.com" });
  });

  it("greets a service token by its name in the stack, or by its client ID", async () => {
    const named = await hello({ headers: { accept: "application/json" }, gate: { access: { kind: "serviceToken", clientId: "ab12.access", name: "uptime-probe" } } });
    expect(JSON.parse(named.body)).toMatchObject({ greeting: "Hello, service token uptime-probe!", user: null, serviceToken: "uptime-probe" });
    const unnamed = await hello({ headers: {}, gate: { access: { kind: "serviceToken", clientId: "ab12.access" } } });
    expect(unnamed.body).toContain("<h1>Hello, service token ab12.access!</h1>");
  });
});
