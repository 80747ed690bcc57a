export const NODE_VERSIONS: Record<string, { version: string; integrity: string }>;
export const CDKTN_CLI: string;
export function installNode(major: string | number, options?: { log?: (line: string) => void }): string;
export function envWithNode(major: string | number, env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function check(majors?: string[]): void;
