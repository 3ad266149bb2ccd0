import { asc, desc, eq, inArray } from 'drizzle-orm';
import { keyAliases, keyVersions, keys, type KeyManager, type KeyRow, type KeyState } from '@/db/schema';
import { getDb } from '@/server/context';
import { keyNotFound } from './errors';

/** What KMS's DescribeKey and the console's key list show; never material. */
export interface KeyView {
  keyId: string;
  arn: string;
  description: string;
  state: KeyState;
  keyManager: KeyManager;
  aliases: string[];
  rotationEnabled: boolean;
  rotationPeriodDays: number;
  nextRotationDate: Date | null;
  deletionDate: Date | null;
  /** The version that encrypts now; versions 1..current all decrypt. */
  currentVersion: number;
  tags: Record<string, string>;
  createdBy: string | null;
  createdAt: Date;
}

export interface KeyVersionView {
  version: number;
  /** null for the first version; 'Automatic' or 'OnDemand' for rotations, as KMS's ListKeyRotations. */
  rotationType: string | null;
  createdAt: Date;
  isCurrent: boolean;
}

export interface AliasView {
  aliasName: string;
  aliasArn: string;
  targetKeyId: string;
  createdAt: Date;
  updatedAt: Date;
}

export function toKeyView(row: KeyRow, aliases: string[]): KeyView {
  return {
    keyId: row.id,
    arn: row.arn,
    description: row.description,
    state: row.state,
    keyManager: row.keyManager,
    aliases,
    rotationEnabled: row.rotationEnabled,
    rotationPeriodDays: row.rotationPeriodDays,
    nextRotationDate: row.rotationEnabled ? row.nextRotationDate : null,
    deletionDate: row.deletionDate,
    currentVersion: row.currentVersion,
    tags: row.tags,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
  };
}

async function aliasesByKey(keyIds: string[]): Promise<Map<string, string[]>> {
  const byKey = new Map<string, string[]>();
  if (keyIds.length === 0) return byKey;
  const rows = await getDb().select({ name: keyAliases.name, keyId: keyAliases.keyId }).from(keyAliases).where(inArray(keyAliases.keyId, keyIds)).orderBy(asc(keyAliases.name));
  for (const row of rows) byKey.set(row.keyId, [...(byKey.get(row.keyId) ?? []), row.name]);
  return byKey;
}

/** Every key, the AWS managed one first, then customer keys newest first. */
export async function readKeyViews(): Promise<KeyView[]> {
  const rows = await getDb().select().from(keys).orderBy(asc(keys.keyManager), desc(keys.createdAt));
  const aliases = await aliasesByKey(rows.map((row) => row.id));
  return rows.map((row) => toKeyView(row, aliases.get(row.id) ?? []));
}

/** A key's view straight from the database (not the cache): what a page shows after a change. */
export async function readKeyView(keyId: string): Promise<KeyView> {
  const [row] = await getDb().select().from(keys).where(eq(keys.id, keyId));
  if (!row) throw keyNotFound(keyId);
  const aliases = await aliasesByKey([keyId]);
  return toKeyView(row, aliases.get(keyId) ?? []);
}

export async function readKeyVersions(keyId: string, currentVersion: number): Promise<KeyVersionView[]> {
  const rows = await getDb()
    .select({ version: keyVersions.version, rotationType: keyVersions.rotationType, createdAt: keyVersions.createdAt })
    .from(keyVersions)
    .where(eq(keyVersions.keyId, keyId))
    .orderBy(desc(keyVersions.version));
  return rows.map((row) => ({ ...row, isCurrent: row.version === currentVersion }));
}
