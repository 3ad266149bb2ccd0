import { readJson, withSession } from '@/server/http/route';
import { rerunAutomationExecution } from '@/server/automation/service';
import { rerunInput } from '@/server/automation/schemas';

const body = rerunInput.omit({ executionId: true });

/** A new execution of the same runbook version and parameters, from `fromStepName` (the failed step) on. */
export const POST = withSession<{ executionId: string }>(async (req, caller, { executionId }) => {
  const { fromStepName } = body.parse(await readJson(req));
  return rerunAutomationExecution(caller, { executionId, fromStepName });
});
