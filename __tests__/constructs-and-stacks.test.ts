/**
 * The specs of what synthesizes Terraform JSON: the constructs (`__tests__/constructs/*.spec.ts`)
 * and the stacks with their configuration and examples (`__tests__/stacks/*.spec.ts`), in one Jest
 * file: both load cdktf and the provider bindings, once here (see run-specs.ts).
 */
import { setupJest } from "cdktf/lib/testing/adapters/jest";
import { runSpecs } from "./run-specs";

setupJest(); // cdktf's matchers: toHaveResource, toHaveResourceWithProperties…

runSpecs("constructs");
runSpecs("stacks");
