export const root: string;
export const buildDir: string;
export function functionNames(): string[];
export function buildFunctions(options?: { force?: boolean }): Promise<boolean>;
export function appBundle(entry?: string): { name: string; file: string; record: string };
export function buildApp(options?: { force?: boolean; entry?: string }): Promise<boolean>;
export function buildAll(options?: { force?: boolean; entry?: string }): Promise<[boolean, boolean]>;
export const vendorBundle: string;
export const builtFiles: { functions: string[]; vendor: string[]; app(entry?: string): string[] };
/** The CDK libraries (`cdktf`, `cdktn`) that a bundle's inputs come from, sorted. */
export function cdkLibraries(inputs: string[]): string[];
/** Throws when a bundle's inputs come from both cdktf and cdktn. */
export function assertOneCdkLibrary(inputs: string[], bundle: string): void;
/** The call to Node's deprecated `util.isArray` in cdktf's terraform-output.js, as compiled. */
export const UTIL_IS_ARRAY: RegExp;
