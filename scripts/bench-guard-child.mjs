// Child of scripts/bench.mjs: one cold start of the bundled guard, then warm requests.
// Cold = import of .build/functions/guard/index.mjs (module init included: CA bundle parsed) plus
// the first full request (certificate + token, key set fetched from the parent's local server).
// Prints one JSON line: { coldMs, warm: [ms per request…] }.
import { performance } from "node:perf_hooks";

const { bundle, jwksUrl, certHeader, token, warm } = JSON.parse(process.env.BENCH_GUARD);
const event = {
  requestContext: { elb: { targetGroupArn: "arn:aws:elasticloadbalancing:ap-northeast-1:111122223333:targetgroup/t/1" } },
  httpMethod: "GET",
  path: "/",
  headers: { host: "app.example.com", "x-amzn-mtls-clientcert": certHeader, "cf-access-jwt-assertion": token, cookie: `CF_Authorization=${token}` },
};

const start = performance.now();
const guard = await import(bundle);
const handler = guard.createHandler(guard.configFromEnv(process.env), { jwksUrl });
const first = await handler(event);
const coldMs = performance.now() - start;
if (first.statusCode !== 200) throw new Error(`first request: ${first.statusCode} ${first.body}`);

const times = [];
for (let i = 0; i < warm; i++) {
  const t = performance.now();
  const res = await handler(event);
  times.push(performance.now() - t);
  if (res.statusCode !== 200) throw new Error(`warm request: ${res.statusCode}`);
}
console.log(JSON.stringify({ coldMs, warm: times }));
