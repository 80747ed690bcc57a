/** The specs of the stacks and their configuration (stacks/, cdktf.json, the examples): every `__tests__/stacks/*.spec.ts`, in one Jest file (see run-specs.ts). */
import { setupJest } from "cdktf/lib/testing/adapters/jest";
import { runSpecs } from "./run-specs";

setupJest(); // cdktf's matchers: toHaveResource, toHaveResourceWithProperties…

runSpecs("stacks");
