import type { Type } from "protobufjs";
import type { ProviderSchema } from "./schema-types";
export const type: (name: string) => Type;
export function encodeProviderSchema(schema: Partial<ProviderSchema> & Pick<ProviderSchema, "provider">): Buffer;
