export const root: string;
export const buildDir: string;
export function functionNames(): string[];
export function buildFunctions(options?: { force?: boolean }): Promise<boolean>;
export function appBundle(entry?: string): { name: string; file: string; record: string };
export function buildApp(options?: { force?: boolean; entry?: string }): Promise<boolean>;
export function buildAll(options?: { force?: boolean; entry?: string }): Promise<[boolean, boolean]>;
export const vendorBundle: string;
export const builtFiles: { functions: string[]; vendor: string[]; app(entry?: string): string[] };
