import { readJson, withSession } from '@/server/http/route';
import { getSessionPreferences, updateSessionPreferences } from '@/server/sessions/preferences';

/** GET → the install's Session Manager preferences (opsdeck:ViewSessionPreferences). */
export const GET = withSession(async (_req, caller) => getSessionPreferences(caller));

/** PUT the whole set → the stored set (opsdeck:UpdateSessionPreferences; audited). */
export const PUT = withSession(async (req, caller) => updateSessionPreferences(caller, await readJson(req)));
