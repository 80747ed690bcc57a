/**
 * Entry point of the TypeScript-authored example (no cdktf.json config): the values a team would
 * write here are literals. `npm run synth:example` runs it like `npx cdktf synth` runs main.ts.
 */
import { App } from "cdktf";
import { TwoAppGateStack } from "./gate-stack";

const app = new App();
new TwoAppGateStack(app, "gate-ts", {
  baseName: "gate-ts",
  subnetNames: ["public-a", "public-c"],
  hostZoneName: "aws.example.com",
  cloudflareZoneName: "example.com",
  allowedEmails: ["alice@example.com"],
  accessTeamDomain: "example.cloudflareaccess.com",
  adminTargets: ["10.0.1.20", "10.0.2.20"],
});
app.synth();
