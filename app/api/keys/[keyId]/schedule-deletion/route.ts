import { readJson, withSession } from '@/server/http/route';
import { scheduleKeyDeletion, type ScheduleKeyDeletionInput } from '@/server/keys';

export const POST = withSession<{ keyId: string }>(async (req, caller, { keyId }) => scheduleKeyDeletion(caller, keyId, (await readJson(req)) as ScheduleKeyDeletionInput));
