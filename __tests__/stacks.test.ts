/** The specs of the stacks and their configuration (stacks/, cdktf.json, the examples): every `__tests__/stacks/*.spec.ts`, in one Jest file (see run-specs.ts). */
import { runSpecs } from "./run-specs";

runSpecs("stacks");
