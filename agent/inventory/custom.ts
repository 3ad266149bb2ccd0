import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { InventoryItem } from '../protocol';
import type { CollectorContext } from './context';
import { inventoryItem, MAX_RECORDS } from './item';

/** Where nodes drop custom inventory (AWS: /var/lib/amazon/ssm/<instance-id>/inventory/custom). */
export const DEFAULT_CUSTOM_INVENTORY_DIR = '/var/lib/opsdeck/inventory/custom';

export function customInventoryDir(): string {
  return process.env.OPSDECK_CUSTOM_INVENTORY_DIR || DEFAULT_CUSTOM_INVENTORY_DIR;
}

const MAX_FILE_BYTES = 512 * 1024;

// Values are strings in PutInventory; numbers and booleans, which people write by habit, become strings.
const attributeValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const attributes = z.record(z.string().min(1).max(64), attributeValue);

/** AWS's custom inventory file: one type, its content a single record or a list of them. */
const customFileSchema = z.object({
  SchemaVersion: z.string().regex(/^[0-9]{1,6}\.[0-9]{1,6}$/, 'SchemaVersion looks like 1.0').default('1.0'),
  TypeName: z.string().regex(/^Custom:[a-zA-Z0-9_\-:./]{1,90}$/, 'TypeName must be Custom:Name (letters, digits, _-:./)'),
  Content: z.union([attributes.transform((record) => [record]), z.array(attributes).max(MAX_RECORDS)]),
});

export function parseCustomInventory(text: string): z.infer<typeof customFileSchema> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = customFileSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') || 'file'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** Custom:* types from the `*.json` files in the custom inventory folder; a bad file is reported and skipped. */
export async function collectCustomInventory(ctx: CollectorContext): Promise<InventoryItem[]> {
  const dir = customInventoryDir();
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    // No folder: this node has no custom inventory, which is the usual case.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const items = new Map<string, InventoryItem>();
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) continue;
      if (stat.size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
      const custom = parseCustomInventory(await fs.readFile(file, 'utf8'));
      if (items.has(custom.TypeName)) throw new Error(`${custom.TypeName} is already given by another file`);
      items.set(custom.TypeName, inventoryItem(custom.TypeName, custom.Content, ctx.capturedAt, custom.SchemaVersion));
    } catch (error) {
      ctx.warn(`custom inventory ${file} skipped: ${(error as Error).message}`);
    }
  }
  return [...items.values()];
}
