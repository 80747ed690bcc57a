export const SHIPPED_APPS: string[];
export function bundleOnCdktn(entry: string, outdir: string): Promise<string>;
export function check(): Promise<void>;
