export function withoutVersion<T>(json: T): T;
export function firstDifference(a: unknown, b: unknown, path?: string): string | undefined;
export function synthDifferences(dirA: string, dirB: string, options?: { ignoreVersion?: boolean }): string[];
