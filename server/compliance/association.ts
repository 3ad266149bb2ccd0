import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { associations, complianceItems, type AssociationRow } from '@/db/schema';
import { getDb } from '@/server/context';
import { MANAGED_INSTANCE, upsertComplianceRows } from './store';

export const ASSOCIATION_COMPLIANCE_TYPE = 'Association';

/** One node's outcome in an association run. */
export interface AssociationNodeResult {
  nodeId: string;
  isSuccess: boolean;
  endedAt: Date;
}

function itemFor(association: AssociationRow, run: { executionId: string; documentVersion: string }, result: AssociationNodeResult) {
  return {
    resourceType: MANAGED_INSTANCE,
    resourceId: result.nodeId,
    complianceType: ASSOCIATION_COMPLIANCE_TYPE,
    itemId: association.id,
    title: association.name ?? association.documentName,
    status: result.isSuccess ? ('COMPLIANT' as const) : ('NON_COMPLIANT' as const),
    severity: association.complianceSeverity,
    details: { DocumentName: association.documentName, DocumentVersion: run.documentVersion },
    // AWS reports association compliance with ExecutionType Command, whatever the document type.
    executionSummary: { ExecutionTime: result.endedAt.toISOString(), ExecutionId: run.executionId, ExecutionType: 'Command' },
    updatedAt: new Date(),
  };
}

/**
 * An association run ended: each node it reached gets its `Association` item (Id = the
 * association), compliant when the run succeeded there, as State Manager reports compliance
 * (a PARTIAL upload: the node's other associations keep theirs).
 */
export async function recordAssociationCompliance(associationId: string, run: { executionId: string; documentVersion?: string }, results: AssociationNodeResult[]): Promise<void> {
  if (results.length === 0) return;
  await getDb().transaction(async (tx) => {
    // Shared lock: an association deleted meanwhile either waits for these items (and then removes
    // them with itself) or is gone, and nothing is written for it.
    const [association] = await tx.select().from(associations).where(eq(associations.id, associationId)).for('share');
    if (!association) return;
    const documentVersion = run.documentVersion ?? association.documentVersion ?? '$DEFAULT';
    await upsertComplianceRows(results.map((result) => itemFor(association, { executionId: run.executionId, documentVersion }, result)), tx);
  });
}

/** A deleted association is no longer anyone's compliance. */
export async function removeAssociationCompliance(associationId: string, db: Pick<Database, 'delete'> = getDb()): Promise<void> {
  await db.delete(complianceItems).where(and(eq(complianceItems.complianceType, ASSOCIATION_COMPLIANCE_TYPE), eq(complianceItems.itemId, associationId)));
}
