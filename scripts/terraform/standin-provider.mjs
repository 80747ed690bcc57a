// A schema-only stand-in for a Terraform provider (plugin protocol 6), which Terraform attaches to
// (TF_REATTACH_PROVIDERS): the Terraform stage starts one per provider and version for all its
// commands (standin-servers.mjs).
//
// It serves one provider's schema (read from its prebuilt binding, see binding-schema.mjs, or a
// real provider's own) so that Terraform core checks a configuration against it: names, blocks vs
// attributes, required arguments, types, references. Without `--forward` it accepts every
// configuration it is asked to validate (the provider's own checks do not run); with
// `--forward <reattach config>` it passes every Validate* call, unchanged, to the real provider
// running in its debug mode there, and answers with the real provider's diagnostics. It plans
// nothing: use it under `terraform validate` and `terraform test` with `mock_provider`.
//
//   node standin-provider.mjs --serve <schema.pb> [--forward '<reattach config>']
//   (prints its own reattach config on stdout once it listens)
import { readFileSync } from "node:fs";
import grpc from "@grpc/grpc-js";
import { type } from "./plugin-protocol.mjs";

if (process.argv[2] !== "--serve") {
  console.error("This is a Terraform provider stand-in: the Terraform stage starts it (npm run terraform:check). See docs/terraform-check.md.");
  process.exit(1);
}
const forwardAt = process.argv.indexOf("--forward");
const forwardTo = forwardAt > 0 ? JSON.parse(process.argv.splice(forwardAt, 2)[1]) : undefined;
const schemaResponse = readFileSync(process.argv[3]);

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

const rpc = (name, message = name) => {
  const m = method(`/tfplugin6.Provider/${name}`, `tfplugin6.${message}.Request`, `tfplugin6.${message}.Response`);
  // A forwarded call keeps its request as bytes: every field, known to this file or not, goes on.
  return forwardTo && name.startsWith("Validate") ? { ...m, requestDeserialize: (b) => b } : m;
};
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
  ValidateProviderConfig: forwardTo ? forward("ValidateProviderConfig") : ok,
  ValidateResourceConfig: forwardTo ? forward("ValidateResourceConfig") : ok,
  ValidateDataResourceConfig: forwardTo ? forward("ValidateDataResourceConfig") : ok,
  StopProvider: (_call, done) => done(null, {}),
});

/**
 * A handler that passes the call to the real provider as it came and answers with the real
 * provider's answer. Protocol 5 names these calls differently; their messages have the same
 * field numbers and types as protocol 6's (type_name 1, config 2, client_capabilities 3;
 * diagnostics 1, or 2 for the provider config), so the bytes go through unchanged.
 */
function forward(name) {
  const v5 = { ValidateProviderConfig: "PrepareProviderConfig", ValidateResourceConfig: "ValidateResourceTypeConfig", ValidateDataResourceConfig: "ValidateDataSourceConfig" };
  const path = forwardTo.ProtocolVersion === 5 ? `/tfplugin5.Provider/${v5[name]}` : `/tfplugin6.Provider/${name}`;
  const same = (b) => b;
  return (call, done) => {
    realClient().makeUnaryRequest(path, same, same, call.request, (error, bytes) => {
      if (error) done(null, { diagnostics: [{ severity: 1, summary: `the real provider could not be asked (${name})`, detail: error.message }] });
      else done(null, bytes);
    });
  };
}
let client;
function realClient() {
  const { Network, String: at } = forwardTo.Addr;
  client ??= new grpc.Client(Network === "unix" ? `unix:${at}` : at, grpc.credentials.createInsecure());
  return client;
}
server.addService(controller, {
  // Shared by every Terraform command of the run: the stage ends it, not Terraform.
  Shutdown: (_call, done) => done(null, {}),
});

// Reached without TLS, on loopback only, as a provider in its debug mode is.
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    console.error(error.message);
    process.exit(1);
  }
  const reattach = { Protocol: "grpc", ProtocolVersion: 6, Pid: process.pid, Test: true, Addr: { Network: "tcp", String: `127.0.0.1:${port}` } };
  process.stdout.write(`${JSON.stringify(reattach)}\n`);
});
