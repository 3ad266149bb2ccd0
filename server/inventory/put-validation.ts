import type { InventoryItem } from '@/agent/protocol';
import { OpsdeckError } from '@/server/errors';
import { BUILTIN_TYPE_SCHEMAS, builtinTypeSchema } from './type-schemas';

/** AWS's limits for custom inventory (Systems Manager service quotas). */
export const CUSTOM_TYPE_LIMIT = 20;
export const CUSTOM_ATTRIBUTE_LIMIT = 50;
export const ITEM_SIZE_LIMIT_BYTES = 200 * 1024;
export const TOTAL_SIZE_LIMIT_BYTES = 1024 * 1024;

const TYPE_NAME_PATTERN = /^(AWS|Custom):[a-zA-Z0-9_\-:./]{1,90}$/;

export interface PutContext {
  /** Custom types the install already holds (reported by any node). */
  knownCustomTypes: Set<string>;
  /** Custom types turned off by DeleteInventory DisableSchema, with the version they were turned off at. */
  disabledTypes: Map<string, string>;
  /** The agent reports AWS: types with whatever attributes its collectors find; the API holds them to the schema. */
  isFromAgent: boolean;
}

const sizeOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

function versionNumber(version: string): number[] {
  return version.split('.').map(Number);
}

function isNewerVersion(candidate: string, than: string): boolean {
  const [a, b] = [versionNumber(candidate), versionNumber(than)];
  return a[0]! > b[0]! || (a[0] === b[0] && (a[1] ?? 0) > (b[1] ?? 0));
}

function checkBuiltinItem(item: InventoryItem, context: PutContext): void {
  const schema = builtinTypeSchema(item.TypeName);
  if (!schema) throw new OpsdeckError('InvalidTypeNameException', `${item.TypeName} is not an inventory type; the AWS: types are ${BUILTIN_TYPE_SCHEMAS.map((schema) => schema.typeName).join(', ')}, and your own are Custom:Name`);
  if (context.isFromAgent) return;
  if (item.Context && Object.keys(item.Context).length > 0) throw new OpsdeckError('UnsupportedInventoryItemContextException', `${item.TypeName} takes no Context`);
  if (item.SchemaVersion !== schema.version) {
    throw new OpsdeckError('UnsupportedInventorySchemaVersionException', `${item.TypeName} is at schema version ${schema.version}, not ${item.SchemaVersion}`);
  }
  const known = new Set(schema.attributes.map((attribute) => attribute.name));
  for (const [index, entry] of (item.Content ?? []).entries()) {
    const unknown = Object.keys(entry).find((attribute) => !known.has(attribute));
    if (unknown) throw new OpsdeckError('InvalidItemContentException', `${item.TypeName} has no attribute ${unknown} (Content[${index}]); its attributes are ${[...known].join(', ')}`);
  }
}

function checkCustomItem(item: InventoryItem, context: PutContext, newTypes: Set<string>): void {
  const disabledAt = context.disabledTypes.get(item.TypeName);
  if (disabledAt && !isNewerVersion(item.SchemaVersion, disabledAt)) {
    throw new OpsdeckError('UnsupportedInventorySchemaVersionException', `${item.TypeName} was disabled at schema version ${disabledAt}; put a version above ${disabledAt} to enable it again`);
  }
  for (const [index, entry] of (item.Content ?? []).entries()) {
    const attributes = Object.keys(entry).length;
    if (attributes > CUSTOM_ATTRIBUTE_LIMIT) throw new OpsdeckError('InvalidItemContentException', `${item.TypeName} Content[${index}] has ${attributes} attributes; a custom type has at most ${CUSTOM_ATTRIBUTE_LIMIT}`);
  }
  const size = sizeOf(item.Content ?? []);
  if (size > ITEM_SIZE_LIMIT_BYTES) throw new OpsdeckError('ItemSizeLimitExceededException', `${item.TypeName} is ${Math.ceil(size / 1024)} KB; a custom type holds at most ${ITEM_SIZE_LIMIT_BYTES / 1024} KB per node`);
  if (!context.knownCustomTypes.has(item.TypeName)) newTypes.add(item.TypeName);
  if (context.knownCustomTypes.size + newTypes.size > CUSTOM_TYPE_LIMIT) {
    throw new OpsdeckError('CustomSchemaCountLimitExceededException', `${item.TypeName} would be custom type number ${context.knownCustomTypes.size + newTypes.size}; an install holds at most ${CUSTOM_TYPE_LIMIT} (DeleteInventory removes one)`);
  }
}

/** Checks a PutInventory (or an agent's report) as AWS does, naming the item and the rule it breaks. */
export function checkInventoryItems(items: InventoryItem[], context: PutContext): void {
  const seen = new Set<string>();
  const newTypes = new Set<string>();
  for (const item of items) {
    if (!TYPE_NAME_PATTERN.test(item.TypeName)) throw new OpsdeckError('InvalidTypeNameException', `'${item.TypeName}' is not a type name; use AWS:Name or Custom:Name (letters, digits, _ - : . /)`);
    if (seen.has(item.TypeName)) throw new OpsdeckError('ValidationException', `Items names ${item.TypeName} twice; put each type once`);
    seen.add(item.TypeName);
    if (item.TypeName.startsWith('AWS:')) checkBuiltinItem(item, context);
    else checkCustomItem(item, context, newTypes);
  }
  if (!context.isFromAgent) {
    const total = sizeOf(items);
    if (total > TOTAL_SIZE_LIMIT_BYTES) throw new OpsdeckError('TotalSizeLimitExceededException', `the items are ${Math.ceil(total / 1024)} KB together; one PutInventory carries at most 1 MB`);
  }
}
