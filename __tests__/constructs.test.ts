/** The specs of the constructs (constructs/): every `__tests__/constructs/*.spec.ts`, in one Jest file (see run-specs.ts). */
import { runSpecs } from "./run-specs";

runSpecs("constructs");
