import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { savedFilters } from '@/db/schema';
import { getDb, getServerContext } from '@/server/context';
import { OpsdeckError, notFound } from '@/server/errors';
import { formatArn, ARN_PARTITION } from '@/server/identity/arn';
import type { Caller } from '@/server/identity/caller';
import { perform } from '@/server/identity/perform';
import { fleetSearchParams, parseFleetQuery } from './filters';

const MAX_SAVED_FILTERS = 100;

export interface SavedFilterView {
  id: string;
  name: string;
  /** The Fleet Manager query string, canonical form, without the page: `/fleet?${query}`. */
  query: string;
  createdAt: Date;
}

/** arn:opsdeck:opsdeck:<region>:<account>:saved-filter/<user>/<name>: policies can scope to `${aws:username}`. */
function savedFilterArn(username: string, name: string): string {
  const { region, accountId } = getServerContext();
  return formatArn({ partition: ARN_PARTITION, service: 'opsdeck', region, account: accountId, resourceType: 'saved-filter', resourceId: `${username}/${name}` });
}

export const createSavedFilterInput = z.object({
  name: z
    .string({ error: 'name: give the saved filter a name' })
    .trim()
    .min(1, 'the name is empty')
    .max(64, 'the name may have at most 64 characters')
    .refine((name) => ![...name].some((char) => char < ' ' || char === '\u007f'), 'the name may not contain control characters'),
  query: z
    .string({ error: 'give the query string of the filter' })
    .max(4000, 'the query string may have at most 4000 characters')
    .transform((text) => text.replace(/^\?/, '')),
});
export type CreateSavedFilterInput = z.input<typeof createSavedFilterInput>;

const toView = (row: typeof savedFilters.$inferSelect): SavedFilterView => ({ id: row.id, name: row.name, query: row.query, createdAt: row.createdAt });

/** The caller's own saved filters, by name. Nobody lists another user's. */
export async function listSavedFilters(caller: Caller): Promise<SavedFilterView[]> {
  return perform(caller, { name: 'ListSavedFilters', iamAction: 'opsdeck:ListSavedFilters', resources: [savedFilterArn(caller.username, '*')], isAudited: false }, async () => {
    const rows = await getDb().select().from(savedFilters).where(eq(savedFilters.userId, caller.userId)).orderBy(asc(savedFilters.name));
    return rows.map(toView);
  });
}

/** Saves a Fleet Manager query under a name; the query is checked against the filter contract and stored canonical. */
export async function createSavedFilter(caller: Caller, input: CreateSavedFilterInput): Promise<SavedFilterView> {
  const { name, query } = createSavedFilterInput.parse(input);
  let canonical: string;
  try {
    const parsed = parseFleetQuery(new URLSearchParams(query));
    canonical = fleetSearchParams({ ...parsed, page: 1 }).toString();
  } catch (error) {
    if (error instanceof z.ZodError) {
      throw new OpsdeckError('ValidationException', `query: ${error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    }
    throw error;
  }
  return perform(caller, { name: 'CreateSavedFilter', iamAction: 'opsdeck:CreateSavedFilter', resources: [savedFilterArn(caller.username, name)], parameters: { name, query: canonical } }, async () => {
    const db = getDb();
    const [counted] = await db.select({ count: sql<number>`count(*)::int` }).from(savedFilters).where(eq(savedFilters.userId, caller.userId));
    if ((counted?.count ?? 0) >= MAX_SAVED_FILTERS) throw new OpsdeckError('LimitExceededException', `you may keep at most ${MAX_SAVED_FILTERS} saved filters; delete one first`);
    const [row] = await db.insert(savedFilters).values({ userId: caller.userId, name, query: canonical }).onConflictDoNothing().returning();
    if (!row) throw new OpsdeckError('ResourceAlreadyExistsException', `you already have a saved filter named '${name}'`);
    return toView(row);
  });
}

/** Deletes one of the caller's saved filters; another user's id is "not found", never "denied". */
export async function deleteSavedFilter(caller: Caller, id: string): Promise<void> {
  const parsedId = z.uuid({ error: `'${id}' is not a saved filter id` }).parse(id);
  const [row] = await getDb().select().from(savedFilters).where(and(eq(savedFilters.id, parsedId), eq(savedFilters.userId, caller.userId)));
  await perform(caller, { name: 'DeleteSavedFilter', iamAction: 'opsdeck:DeleteSavedFilter', resources: [savedFilterArn(caller.username, row?.name ?? id)], parameters: { id: parsedId } }, async () => {
    if (!row) throw notFound('ResourceNotFoundException', `you have no saved filter with id '${parsedId}'`);
    await getDb().delete(savedFilters).where(and(eq(savedFilters.id, parsedId), eq(savedFilters.userId, caller.userId)));
  });
}
