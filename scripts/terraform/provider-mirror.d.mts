export function satisfies(version: string, constraint?: string): boolean;
export function requiredProviders(configs: { terraform?: { required_providers?: Record<string, { source: string; version?: string }> } }[]): Map<string, Set<string>>;
export const TARGET: string;
