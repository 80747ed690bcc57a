/**
 * Runs the specs of one folder (`__tests__/<group>/*.spec.ts`) in the Jest test file that calls it,
 * each spec in a `describe` named after it (`alb.spec.ts` → "alb").
 *
 * Why not one Jest file per spec: Jest gives every test file a fresh module registry, so each file
 * loaded cdktf and the provider bindings again (about 12 MB of JavaScript) and paid Jest's set-up
 * per file; that was half of the suite's CPU time. A group loads them once. The specs of a group
 * share their modules, so a spec keeps its state in what it creates (servers, temporary folders,
 * handler instances), cleans it up in its own `afterAll`, and restores what it mocks.
 *
 * Every `*.spec.ts` of the folder runs, in name order: a new spec needs no registration.
 * One spec alone: `npx jest <file> -t '^<spec> '`, for example `npx jest constructs-and-stacks -t '^alb '`.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

export function specsOf(group: string): string[] {
  return readdirSync(join(__dirname, group))
    .filter((file) => file.endsWith(".spec.ts"))
    .sort();
}

export function runSpecs(group: string): void {
  for (const file of specsOf(group)) {
    describe(file.replace(/\.spec\.ts$/, ""), () => {
      require(join(__dirname, group, file));
    });
  }
}

/**
 * A spec's set-up, run once: registered as a `beforeAll` hook, and returned so that each concurrent
 * test awaits it too. jest-circus starts concurrent tests (`it.concurrent`) before the `beforeAll`
 * hooks of the describe they are in, and a spec here always runs inside its file's describe, so a
 * hook alone would come too late for them.
 */
export function setUpOnce(setUp: () => Promise<void>): () => Promise<void> {
  let started: Promise<void> | undefined;
  const ready = () => (started ??= setUp());
  beforeAll(ready);
  return ready;
}
