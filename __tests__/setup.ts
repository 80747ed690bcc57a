import { skipCreationStacks } from "../scripts/creation-stacks.cjs";

// As in the app runner: no token creation stacks (a third of a stack test's time under Jest, which
// maps every frame of each through source maps) unless CDKTF_CREATION_STACKS=1. Errors keep theirs.
// cdktf's Jest matchers (toHaveResource…) are installed by the groups that use them
// (constructs-and-stacks.test.ts): loading cdktf costs the other test files time for nothing.
skipCreationStacks();
