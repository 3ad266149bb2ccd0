import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { complianceItems, type ComplianceExecutionSummary, type ComplianceSeverity, type ComplianceStatus } from '@/db/schema';
import { getDb } from '@/server/context';

export const MANAGED_INSTANCE = 'ManagedInstance';

export interface ComplianceItemInput {
  Id: string;
  Title?: string;
  Severity: ComplianceSeverity;
  Status: ComplianceStatus;
  Details?: Record<string, string>;
}

export interface ComplianceUpload {
  resourceType: string;
  resourceId: string;
  /** `Patch`, `Association` or `Custom:Name`. */
  complianceType: string;
  executionSummary: ComplianceExecutionSummary;
  items: ComplianceItemInput[];
  /** COMPLETE replaces every item of the type on the resource; PARTIAL upserts only the given ones. */
  uploadType: 'COMPLETE' | 'PARTIAL';
}

type Writer = Pick<Database, 'insert' | 'delete'>;
type ComplianceRow = typeof complianceItems.$inferInsert;

/** PostgreSQL caps a statement at 65,535 parameters (10 a row here); a node can have thousands of patch items. */
const ROWS_PER_STATEMENT = 2000;

const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);

/** Inserts or replaces items by their key (resource, type, item id), in statements PostgreSQL accepts. */
export async function upsertComplianceRows(rows: ComplianceRow[], db: Writer = getDb()): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await db
      .insert(complianceItems)
      .values(rows.slice(start, start + ROWS_PER_STATEMENT))
      .onConflictDoUpdate({
        target: [complianceItems.resourceType, complianceItems.resourceId, complianceItems.complianceType, complianceItems.itemId],
        set: {
          title: sqlExcluded('title'),
          status: sqlExcluded('status'),
          severity: sqlExcluded('severity'),
          details: sqlExcluded('details'),
          executionSummary: sqlExcluded('execution_summary'),
          updatedAt: sqlExcluded('updated_at'),
        },
      });
  }
}

/**
 * Stores one resource's compliance of one type, as PutComplianceItems does. Pass the caller's
 * transaction as `db` when the items belong with other writes (a patch report), so a reader never
 * sees a patch state without its compliance items.
 */
export async function replaceComplianceItems(upload: ComplianceUpload, db: Writer = getDb()): Promise<void> {
  const { resourceType, resourceId, complianceType, executionSummary, items, uploadType } = upload;
  const scope = and(eq(complianceItems.resourceType, resourceType), eq(complianceItems.resourceId, resourceId), eq(complianceItems.complianceType, complianceType));
  if (uploadType === 'COMPLETE') {
    const kept = items.map((item) => item.Id);
    await db.delete(complianceItems).where(kept.length > 0 ? and(scope, notInArray(complianceItems.itemId, kept)) : scope);
  }
  if (items.length === 0) return;
  const now = new Date();
  await upsertComplianceRows(
    items.map((item) => ({
      resourceType,
      resourceId,
      complianceType,
      itemId: item.Id,
      title: item.Title ?? '',
      status: item.Status,
      severity: item.Severity,
      details: item.Details ?? {},
      executionSummary,
      updatedAt: now,
    })),
    db,
  );
}
