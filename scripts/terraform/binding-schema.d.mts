import type { ProviderSchema } from "./schema-types";
export function bindingSchema(dir: string, types?: string[]): ProviderSchema & { source: string; version: string; binding: string };
