import { readJson, withSession } from '@/server/http/route';
import { sendAutomationSignal } from '@/server/automation/service';
import { signalInput } from '@/server/automation/schemas';

const body = signalInput.omit({ executionId: true });

/** SendAutomationSignal: `{ signalType: 'Approve', payload: { Comment: ['looks good'] } }`. */
export const POST = withSession<{ executionId: string }>(async (req, caller, { executionId }) => {
  const input = body.parse(await readJson(req));
  await sendAutomationSignal(caller, { ...input, executionId });
  return { executionId, signalType: input.signalType };
});
