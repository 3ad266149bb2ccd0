import { withSession } from '@/server/http/route';
import { cancelCommand } from '@/server/runcommand/service';

export const POST = withSession<{ commandId: string }>(async (_req, caller, { commandId }) => {
  await cancelCommand(caller, { commandId });
  return { commandId };
});
