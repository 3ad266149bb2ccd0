import { readJson, withSession } from '@/server/http/route';
import { dryRunAutomation } from '@/server/automation/service';
import { dryRunInput } from '@/server/automation/schemas';

/** Checks a runbook without running it: every issue with its severity, path and line, and which steps can be reached. */
export const POST = withSession(async (req, caller) => dryRunAutomation(caller, dryRunInput.parse(await readJson(req))));
