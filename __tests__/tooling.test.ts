/** The specs of the scripts (smoke, client-cert, the Terraform stage's tools), the docs and the test set-up: every `__tests__/tooling/*.spec.ts`, in one Jest file (see run-specs.ts). */
import { runSpecs } from "./run-specs";

runSpecs("tooling");
