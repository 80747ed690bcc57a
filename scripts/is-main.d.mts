export function isMain(moduleUrl: string, script?: string): boolean;
