import { withSession } from '@/server/http/route';
import { removeEvent } from '@/server/change-calendar/service';

/** Removes an event, a whole series with its changed instances. */
export const DELETE = withSession<{ name: string; eventId: string }>(async (_req, caller, { name, eventId }) => removeEvent(caller, name, eventId));
