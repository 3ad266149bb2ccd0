import { and, asc, eq, sql } from 'drizzle-orm';
import { parameters, parameterVersions, type ParameterPolicyState } from '@/db/schema';
import { getDb } from '@/server/context';
import { InvalidatingCache } from '@/server/cache/invalidation';
import { OpsdeckError } from '@/server/errors';
import { expirationOf, type ParameterTier, type ParameterType } from './rules';
import type { ParsedReference } from './names';

/** Cache topic: every write to a parameter names its name_key here. */
export const PARAMETER_TOPIC = 'parameter';

/** One version of a parameter as reads need it (the newest one comes from the `parameters` row). */
export interface ParameterVersionView {
  name: string;
  nameKey: string;
  type: ParameterType;
  value: string;
  keyId: string | null;
  version: number;
  description: string | null;
  allowedPattern: string | null;
  tier: ParameterTier;
  dataType: string;
  policies: ParameterPolicyState[];
  lastModifiedAt: Date;
  lastModifiedUser: string;
  labels?: string[];
  /** From an Expiration policy: past this the parameter reads as deleted, before the sweep removes it. */
  expiresAt?: Date;
}

type LatestEntry = { view: ParameterVersionView | null };

// Reads of the newest version are the hot path (10,000/s): one cached primary-key row.
const latestCache = new InvalidatingCache<LatestEntry>(PARAMETER_TOPIC, { max: 100_000, ttlMs: 10 * 60_000 });

type ParameterRow = typeof parameters.$inferSelect;

// The newest version is inlined in the parameter's row; where it sits in the hierarchy and its tags are not part of a version.
export function viewOfRow({ parentPath: _parentPath, tags: _tags, ...row }: ParameterRow): ParameterVersionView {
  return { ...row, expiresAt: expirationOf(row.policies) };
}

async function loadLatest(nameKey: string): Promise<LatestEntry> {
  const [row] = await getDb().select().from(parameters).where(eq(parameters.nameKey, nameKey));
  return { view: row ? viewOfRow(row) : null };
}

function isExpired(view: ParameterVersionView): boolean {
  return view.expiresAt !== undefined && view.expiresAt.getTime() <= Date.now();
}

export async function readLatest(nameKey: string): Promise<ParameterVersionView | null> {
  const { view } = await latestCache.get(nameKey, () => loadLatest(nameKey));
  return view && !isExpired(view) ? view : null;
}

type VersionRow = typeof parameterVersions.$inferSelect;

function viewOfVersion(name: string, { modifiedAt, modifiedUser, ...row }: VersionRow): ParameterVersionView {
  return { ...row, name, lastModifiedAt: modifiedAt, lastModifiedUser: modifiedUser };
}

export function parameterNotFound(name: string): OpsdeckError {
  return new OpsdeckError('ParameterNotFound', `Parameter ${name} not found.`, 400);
}

export function versionNotFound(name: string, version: number | string): OpsdeckError {
  return new OpsdeckError('ParameterVersionNotFound', `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`, 400);
}

/** The version a reference selects (`name`, `name:3`, `name:label`), or the AWS error for what is missing. */
export async function readSelected(reference: ParsedReference): Promise<ParameterVersionView> {
  const latest = await readLatest(reference.nameKey);
  if (!latest) throw parameterNotFound(reference.name);
  const { selector } = reference;
  if (selector.kind === 'latest') return latest;
  const condition =
    selector.kind === 'version' ? eq(parameterVersions.version, selector.version) : sql`${parameterVersions.labels} @> array[${selector.label}]::text[]`;
  const [row] = await getDb()
    .select()
    .from(parameterVersions)
    .where(and(eq(parameterVersions.nameKey, reference.nameKey), condition));
  if (!row) {
    if (selector.kind === 'version') throw versionNotFound(reference.name, selector.version);
    throw new OpsdeckError('ParameterNotFound', `Parameter ${reference.name} has no version labelled ${selector.label}.`, 400);
  }
  return viewOfVersion(latest.name, row);
}

export async function readHistory(nameKey: string, name: string, offset: number, limit: number): Promise<ParameterVersionView[]> {
  const rows = await getDb()
    .select()
    .from(parameterVersions)
    .where(eq(parameterVersions.nameKey, nameKey))
    .orderBy(asc(parameterVersions.version))
    .offset(offset)
    .limit(limit);
  return rows.map((row) => viewOfVersion(name, row));
}
