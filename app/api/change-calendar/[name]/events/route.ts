import { readJson, withSession } from '@/server/http/route';
import { addEvent, type NewEventInput } from '@/server/change-calendar/service';

export const POST = withSession<{ name: string }>(async (req, caller, { name }) => addEvent(caller, name, (await readJson(req)) as NewEventInput));
