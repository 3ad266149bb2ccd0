import { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { listAutomationExecutions, startAutomationExecution } from '@/server/automation/service';
import { startExecutionInput } from '@/server/automation/schemas';
import { AUTOMATION_STATUSES } from '@/db/schema';

const listQuery = z.object({
  status: z.enum(AUTOMATION_STATUSES, { message: `status is one of ${AUTOMATION_STATUSES.join(', ')}` }).optional(),
  document: z.string().trim().min(1).max(128, 'the runbook name has at most 128 characters').optional(),
  executedBy: z.string().trim().min(1).max(128, 'executedBy has at most 128 characters').optional(),
  parent: z.string().uuid('parent is an execution id').optional(),
  page: z.coerce.number().int().min(1, 'page is 1 or more').default(1),
  pageSize: z.coerce.number().int().min(1).max(100, 'pageSize is at most 100').default(25),
});

/**
 * Executions, newest first: ?status=Failed&document=Opsdeck-&executedBy=admin&page=2. Top-level
 * ones only, unless ?parent= asks for a rate-controlled execution's children.
 */
export const GET = withSession(async (req, caller) => {
  const query = listQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const { executions, hasMore, total } = await listAutomationExecutions(caller, {
    statuses: query.status ? [query.status] : undefined,
    documentNamePrefix: query.document,
    executedBy: query.executedBy,
    parentExecutionId: query.parent,
    isTopLevelOnly: !query.parent,
    maxResults: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { executions, hasMore, total, page: query.page, pageSize: query.pageSize };
});

/** StartAutomationExecution: `{ executionId }` of the new execution. */
export const POST = withSession(async (req, caller) => startAutomationExecution(caller, startExecutionInput.parse(await readJson(req))));
