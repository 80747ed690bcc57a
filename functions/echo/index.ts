/**
 * Echo backend of the reference deployment (`modules/lambda/index.mjs`): answers 200 with the
 * request event as JSON, so you can see the headers the ALB adds (`x-amzn-mtls-clientcert-*`)
 * and the ones Cloudflare Access adds (`cf-access-authenticated-user-email`, ...).
 * The target group ARN is replaced by "[HIDDEN]".
 */

/** The parts of an ALB Lambda-target event this handler touches. */
export interface AlbEvent {
  requestContext?: { elb?: { targetGroupArn?: string } & Record<string, unknown> } & Record<string, unknown>;
  [key: string]: unknown;
}

export interface AlbResult {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

export const handler = async (event: AlbEvent): Promise<AlbResult> => {
  const replaced = {
    ...event,
    requestContext: {
      ...event.requestContext,
      elb: {
        ...event.requestContext?.elb,
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
