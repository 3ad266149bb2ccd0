import { z } from 'zod';
import { withSession } from '@/server/http/route';
import { describeStepExecutions, getAutomationExecution } from '@/server/automation/service';
import type { StepExecutionView } from '@/server/automation/views';

/** Step executions read per request when GetAutomationExecution cut its list short. */
const STEP_PAGE = 200;
/** The timeline shows at most this many steps (a loop may run its body thousands of times). */
const MAX_STEPS = 2000;

const executionIdSchema = z.string().uuid('expected an execution id');

/** The execution page: the execution with every step execution so far, in order. */
export const GET = withSession<{ executionId: string }>(async (_req, caller, params) => {
  const executionId = executionIdSchema.parse(params.executionId);
  const execution = await getAutomationExecution(caller, executionId);
  if (!execution.StepExecutionsTruncated) return execution;
  const steps: StepExecutionView[] = [];
  for (let offset = 0; offset < MAX_STEPS; offset += STEP_PAGE) {
    const page = await describeStepExecutions(caller, { executionId, maxResults: STEP_PAGE, offset });
    steps.push(...page.steps);
    if (!page.hasMore) return { ...execution, StepExecutions: steps, StepExecutionsTruncated: false };
  }
  return { ...execution, StepExecutions: steps, StepExecutionsTruncated: true };
});
