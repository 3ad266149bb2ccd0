import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { columnsSchema, parseFleetQuery } from '@/server/fleet/filters';
import { startNodeExport } from '@/server/fleet/export';

/** The filtered fleet as CSV, every page, streamed; `columns` picks and orders the columns (the table's choice). */
export const GET = withSession(async (req, caller) => {
  const params = req.nextUrl.searchParams;
  const query = parseFleetQuery(params, ['columns']);
  const { columns } = z.object({ columns: columnsSchema }).parse({ columns: params.get('columns') ?? undefined });
  const lines = await startNodeExport(caller, query, columns);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="opsdeck-nodes-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv"`,
    },
  });
});
