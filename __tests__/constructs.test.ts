/** The specs of the constructs (constructs/): every `__tests__/constructs/*.spec.ts`, in one Jest file (see run-specs.ts). */
import { setupJest } from "cdktf/lib/testing/adapters/jest";
import { runSpecs } from "./run-specs";

setupJest(); // cdktf's matchers: toHaveResource, toHaveResourceWithProperties…

runSpecs("constructs");
