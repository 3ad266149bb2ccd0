import { z } from 'zod';
import { readJson, withSession } from '@/server/http/route';
import { importIcs } from '@/server/change-calendar/service';

const importBody = z.object({ ics: z.string({ message: 'ics (the text of the .ics file) is required' }) });

/** Merges the events of an .ics file, read by the browser and sent as its text. */
export const POST = withSession<{ name: string }>(async (req, caller, { name }) => importIcs(caller, name, importBody.parse(await readJson(req)).ics));
