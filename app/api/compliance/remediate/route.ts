import { readJson, withSession } from '@/server/http/route';
import { remediate, remediationInput } from '@/server/compliance/remediation';

/** Remediate the non-compliant nodes in view or chosen: run the association again, patch now, or a runbook. */
export const POST = withSession(async (req, caller) => remediate(caller, remediationInput.parse(await readJson(req))));
