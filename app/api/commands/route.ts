import { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { listCommands, sendCommand, type SendCommandInput } from '@/server/runcommand/service';
import { COMMAND_STATUSES } from '@/db/schema';

const listQuery = z.object({
  status: z.enum(COMMAND_STATUSES, { message: `status is one of ${COMMAND_STATUSES.join(', ')}` }).optional(),
  document: z.string().trim().min(1).max(256).optional(),
  page: z.coerce.number().int().min(1, 'page is 1 or more').default(1),
  pageSize: z.coerce.number().int().min(1).max(100, 'pageSize is at most 100').default(25),
});

/** Command history, newest first: ?status=InProgress&document=AWS-RunShellScript&page=2. */
export const GET = withSession(async (req, caller) => {
  const query = listQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  const filters: { key: 'Status' | 'DocumentName'; value: string }[] = [];
  if (query.status) filters.push({ key: 'Status', value: query.status });
  if (query.document) filters.push({ key: 'DocumentName', value: query.document });
  const { commands, hasMore } = await listCommands(caller, { filters, maxResults: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { commands, hasMore, page: query.page, pageSize: query.pageSize };
});

export const POST = withSession(async (req, caller) => sendCommand(caller, (await readJson(req)) as SendCommandInput));
