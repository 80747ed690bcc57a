/**
 * Example application behind the gate: greets the verified user, or the service token by its name. Deploy it as the ALB's Lambda in
 * pass-through mode and/or with `accessJwt`; the stack sets the gate's environment variables.
 * `Accept: application/json` gets JSON, anything else a small HTML page.
 */
import { withGate, type AlbEvent, type AlbResult, type GatedEvent } from "alb-mtls-cdktf/gate";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The application itself: a plain ALB handler that reads `event.gate`. */
export async function hello(event: GatedEvent<AlbEvent>): Promise<AlbResult> {
  const { access, accessUser, clientCertificate } = event.gate;
  const machine = access?.kind === "serviceToken" ? (access.name ?? access.clientId) : undefined;
  const who = accessUser ?? (machine && `service token ${machine}`) ?? clientCertificate?.subject ?? "stranger";
  const accept = event.headers?.accept ?? event.multiValueHeaders?.accept?.join(",") ?? "";
  if (accept.includes("application/json")) {
    return {
      statusCode: 200,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ greeting: `Hello, ${who}!`, user: accessUser ?? null, serviceToken: machine ?? null, certificate: clientCertificate?.subject ?? null }),
    };
  }
  const certificate = clientCertificate ? `<p>Client certificate: <code>${escapeHtml(clientCertificate.subject)}</code>, valid until ${escapeHtml(clientCertificate.notAfter)}</p>` : "";
  return {
    statusCode: 200,
    headers: { "Content-Type": "text/html; charset=utf-8" },
    body: `<!doctype html><html><head><meta charset="utf-8"><title>Hello</title></head><body><h1>Hello, ${escapeHtml(who)}!</h1>${certificate}</body></html>`,
  };
}

export const handler = withGate(hello);
