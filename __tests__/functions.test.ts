/** The specs of the Lambda code (functions/, examples/apps): every `__tests__/functions/*.spec.ts`, in one Jest file (see run-specs.ts). */
import { runSpecs } from "./run-specs";

runSpecs("functions");
