// A schema-only stand-in for a Terraform provider, started by Terraform itself (plugin protocol 6).
//
// It serves one provider's schema (read from its prebuilt binding, see binding-schema.mjs) so that
// Terraform core checks a configuration against it: names, blocks vs attributes, required
// arguments, types, references. It accepts every configuration it is asked to validate (the real
// provider's own checks do not run) and plans nothing: use it under `terraform validate` and
// `terraform test` with `mock_provider`, never for a real plan. provider-mirror.mjs installs it.
//
//   terraform-provider-<name> (a wrapper) → node standin-provider.mjs <schema.pb> <cert.pem> <key.pem>
import { readFileSync } from "node:fs";
import grpc from "@grpc/grpc-js";
import { type } from "./plugin-protocol.mjs";

const MAGIC_COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
// `--serve`: a long-lived server that Terraform attaches to (TF_REATTACH_PROVIDERS) instead of
// starting the provider itself; the Terraform stage runs one per provider for all its commands.
const serve = process.argv[2] === "--serve";
if (!serve && process.env.TF_PLUGIN_MAGIC_COOKIE !== MAGIC_COOKIE) {
  console.error("This is a Terraform provider stand-in: Terraform starts it. See docs/terraform-check.md.");
  process.exit(1);
}
const [schemaFile, certFile, keyFile] = process.argv.slice(serve ? 3 : 2);
const schemaResponse = readFileSync(schemaFile);
const cert = certFile && readFileSync(certFile);
const key = keyFile && readFileSync(keyFile);

/** A unary gRPC method whose messages are encoded and decoded with the protocol's types. */
function method(path, request, response) {
  const Req = type(request);
  const Res = type(response);
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: (m) => Buffer.from(Req.encode(m).finish()),
    requestDeserialize: (b) => Req.decode(b),
    responseSerialize: (m) => (Buffer.isBuffer(m) ? m : Buffer.from(Res.encode(Res.fromObject(m)).finish())),
    responseDeserialize: (b) => Res.decode(b),
  };
}

const rpc = (name, message = name) => method(`/tfplugin6.Provider/${name}`, `tfplugin6.${message}.Request`, `tfplugin6.${message}.Response`);
const provider = {
  GetProviderSchema: rpc("GetProviderSchema"),
  ValidateProviderConfig: rpc("ValidateProviderConfig"),
  ValidateResourceConfig: rpc("ValidateResourceConfig"),
  ValidateDataResourceConfig: rpc("ValidateDataResourceConfig"),
  StopProvider: rpc("StopProvider"),
};
const controller = { Shutdown: method("/plugin.GRPCController/Shutdown", "plugin.Empty", "plugin.Empty") };

const server = new grpc.Server();
const ok = (_call, done) => done(null, { diagnostics: [] });
server.addService(provider, {
  GetProviderSchema: (_call, done) => done(null, schemaResponse),
  ValidateProviderConfig: ok,
  ValidateResourceConfig: ok,
  ValidateDataResourceConfig: ok,
  StopProvider: (_call, done) => done(null, {}),
});
server.addService(controller, {
  Shutdown: (_call, done) => {
    done(null, {});
    if (serve) return; // shared by every Terraform command of the run; the stage ends it
    // Terraform waits for the process to end; without this it kills it after ~2 s.
    setImmediate(() => server.tryShutdown(() => process.exit(0)));
    setTimeout(() => process.exit(0), 200).unref();
  },
});

// Terraform's client certificate is the only one trusted; the server certificate goes in the handshake.
// A reattached provider is reached without TLS, on loopback only.
const clientCert = Buffer.from(process.env.PLUGIN_CLIENT_CERT ?? "");
const credentials = serve
  ? grpc.ServerCredentials.createInsecure()
  : grpc.ServerCredentials.createSsl(clientCert.length ? clientCert : null, [{ cert_chain: cert, private_key: key }], clientCert.length > 0);
server.bindAsync("127.0.0.1:0", credentials, (error, port) => {
  if (error) {
    console.error(error.message);
    process.exit(1);
  }
  if (serve) {
    const reattach = { Protocol: "grpc", ProtocolVersion: 6, Pid: process.pid, Test: true, Addr: { Network: "tcp", String: `127.0.0.1:${port}` } };
    process.stdout.write(`${JSON.stringify(reattach)}\n`);
    return;
  }
  const der = Buffer.from(cert.toString().replace(/-----[^-]+-----|\s/g, ""), "base64").toString("base64").replace(/=+$/, "");
  process.stdout.write(`1|6|tcp|127.0.0.1:${port}|grpc|${der}\n`);
});
