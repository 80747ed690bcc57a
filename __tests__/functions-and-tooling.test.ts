/**
 * The specs of the Lambda code (`__tests__/functions/*.spec.ts`) and of the tooling: the scripts,
 * the docs and the test set-up (`__tests__/tooling/*.spec.ts`), in one Jest file: they share the
 * certificate and JWT libraries, loaded once here (see run-specs.ts). Neither loads cdktf.
 */
import { runSpecs } from "./run-specs";

runSpecs("functions");
runSpecs("tooling");
