import { handler } from "../../functions/echo";

const event = {
  requestContext: { elb: { targetGroupArn: "arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:targetgroup/lambda-target/1" } },
  httpMethod: "GET",
  path: "/",
  queryStringParameters: {},
  headers: {
    host: "alb.example.com",
    "x-amzn-mtls-clientcert-subject": "CN=Client Certificate,O=My Organization,L=tokyo,C=jp",
    "cf-access-authenticated-user-email": "alice@example.com",
  },
  body: "",
  isBase64Encoded: false,
};

describe("echo handler", () => {
  it("answers 200 JSON with the reference's message and the event", async () => {
    const res = await handler(event);
    expect(res.statusCode).toBe(200);
    expect(res.headers).toEqual({ "Content-Type": "application/json" });
    const body = JSON.parse(res.body);
    expect(body.message).toBe("Hello from Lambda!");
    expect(body.event.headers).toEqual(event.headers);
    expect(body.event).toMatchObject({ httpMethod: "GET", path: "/", body: "", isBase64Encoded: false });
  });

  it("hides the target group ARN", async () => {
    const res = await handler(event);
    expect(JSON.parse(res.body).event.requestContext.elb).toEqual({ targetGroupArn: "[HIDDEN]" });
    expect(res.body).not.toContain("targetgroup/lambda-target");
    expect(event.requestContext.elb.targetGroupArn).toContain("targetgroup"); // input not mutated
  });

  it("does not crash on an event without requestContext", async () => {
    const res = await handler({ path: "/" });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).event.requestContext).toEqual({ elb: { targetGroupArn: "[HIDDEN]" } });
  });
});
