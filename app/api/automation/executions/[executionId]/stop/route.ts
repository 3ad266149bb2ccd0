import { readJson, withSession } from '@/server/http/route';
import { stopAutomationExecution } from '@/server/automation/service';
import { stopInput } from '@/server/automation/schemas';

const body = stopInput.omit({ executionId: true });

/** StopAutomationExecution: `{ type: 'Cancel' }` (the default) runs the steps' onCancel; `Complete` ends it as it stands. */
export const POST = withSession<{ executionId: string }>(async (req, caller, { executionId }) => {
  const { type } = body.parse(await readJson(req));
  await stopAutomationExecution(caller, { executionId, type });
  return { executionId };
});
