import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { listEvents } from '@/server/change-calendar/service';

const windowQuery = z.object({
  from: z.coerce.date({ message: 'from is an ISO 8601 time like 2026-11-30T00:00:00Z' }),
  to: z.coerce.date({ message: 'to is an ISO 8601 time like 2027-01-11T00:00:00Z' }),
});

/** ?from=&to=: every occurrence of the calendar's events in the window (the month view). */
export const GET = withSession<{ name: string }>(async (req, caller, { name }) => {
  const { from, to } = windowQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  return listEvents(caller, name, from, to);
});
