import { withSession } from '@/server/http/route';
import { listKeyChoices } from '@/server/parameters/console';

/** The keys a SecureString may be encrypted with, for the form's key picker. */
export const GET = withSession(async (_req, caller) => ({ keys: await listKeyChoices(caller) }));
