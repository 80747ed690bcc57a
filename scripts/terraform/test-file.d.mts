import type { SchemaBlock } from "./schema-types";
export function testFile(config: object, examples: Record<string, unknown>, resourceSchema: (config: object, type: string) => SchemaBlock | undefined): string;
export function expiryChecks(config: object, now?: number): { name: string; dates: { type: string; name: string; attribute: string }[]; literalInWindow: boolean }[];
