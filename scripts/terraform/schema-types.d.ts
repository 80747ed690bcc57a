/** A provider's schema in the form of `terraform providers schema -json` (one provider). */
export type CtyType = string | [string, unknown];
export interface SchemaAttribute {
  type?: CtyType;
  nested_type?: { nesting_mode: string; attributes: Record<string, SchemaAttribute> };
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
}
export interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, { nesting_mode: string; block: SchemaBlock; min_items?: number; max_items?: number }>;
}
export interface ProviderSchema {
  source?: string;
  version?: string;
  provider: { version?: number; block: SchemaBlock };
  resource_schemas: Record<string, { version?: number; block: SchemaBlock }>;
  data_source_schemas: Record<string, { version?: number; block: SchemaBlock }>;
}
