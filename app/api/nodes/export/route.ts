import { z } from 'zod';
import { downloadResponse, withSession } from '@/server/http/route';
import { columnsSchema, parseFleetQuery } from '@/server/fleet/filters';
import { startNodeExport } from '@/server/fleet/export';

/** The filtered fleet as CSV, every page, streamed; `columns` picks and orders the columns (the table's choice). */
export const GET = withSession(async (req, caller) => {
  const params = req.nextUrl.searchParams;
  const query = parseFleetQuery(params, ['columns']);
  const { columns } = z.object({ columns: columnsSchema }).parse({ columns: params.get('columns') ?? undefined });
  return downloadResponse(await startNodeExport(caller, query, columns), 'text/csv; charset=utf-8', 'opsdeck-nodes', 'csv');
});
