import { setupJest } from "cdktf/lib/testing/adapters/jest";
import { skipCreationStacks } from "../scripts/creation-stacks.cjs";

setupJest();

// As in the app runner: no token creation stacks (a third of a stack test's time under Jest, which
// maps every frame of each through source maps) unless CDKTF_CREATION_STACKS=1. Errors keep theirs.
skipCreationStacks();
