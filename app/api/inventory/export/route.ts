import { downloadResponse, withSession } from '@/server/http/route';
import { fleetQueryCsv } from '@/server/inventory/console';
import { filtersFrom } from '../params';

/** The query's whole result as CSV, one line per matching entry. */
export const GET = withSession(async (req, caller) => downloadResponse(fleetQueryCsv(caller, filtersFrom(req.nextUrl.searchParams)), 'text/csv; charset=utf-8', 'inventory', 'csv'));
