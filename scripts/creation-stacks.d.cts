/** Stops cdktf recording token creation stacks unless `env.CDKTF_CREATION_STACKS` is set; true when it did. */
export declare function skipCreationStacks(ErrorClass?: ErrorConstructor, env?: NodeJS.ProcessEnv): boolean;
