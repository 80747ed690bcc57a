/**
 * Echo backend of the reference deployment (`modules/lambda/index.mjs`): answers 200 with the
 * request event as JSON, so you can see the headers the ALB adds (`x-amzn-mtls-clientcert-*`)
 * and the ones Cloudflare Access adds (`cf-access-authenticated-user-email`, ...).
 * The target group ARN is replaced by "[HIDDEN]". Unlike the reference, credentials are not
 * reflected (functions/lib/redact.ts): the certificate, Access token, authorization and
 * service-token headers are removed and every cookie value is replaced by "[REDACTED]".
 */
import { redactForEcho } from "../lib/redact";

/** The parts of an ALB Lambda-target event this handler touches. */
export interface AlbEvent {
  headers?: unknown;
  multiValueHeaders?: unknown;
  requestContext?: { elb?: { targetGroupArn?: string } & Record<string, unknown> } & Record<string, unknown>;
  [key: string]: unknown;
}

export interface AlbResult {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

export const handler = async (event: AlbEvent): Promise<AlbResult> => {
  const redacted = redactForEcho(event);
  const replaced = {
    ...redacted,
    requestContext: {
      ...redacted.requestContext,
      elb: {
        ...redacted.requestContext?.elb,
        targetGroupArn: "[HIDDEN]",
      },
    },
  };
  return {
    statusCode: 200,
    body: JSON.stringify({
      message: "Hello from Lambda!",
      event: replaced,
    }),
    headers: {
      "Content-Type": "application/json",
    },
  };
};
