import type { PatchEvaluate, PatchEvaluateResult, PatchReport } from '@/agent/protocol';
import { evaluateForNode } from './node-evaluation';
import { storeReport } from './reports';

/** `patch:evaluate`: the node's effective baseline decides on each offered update. */
export async function evaluateNodePatches(nodeId: string, request: PatchEvaluate): Promise<PatchEvaluateResult> {
  return evaluateForNode(nodeId, request);
}

/** `patch:report`: the node's per-patch states after a Scan or Install. */
export async function storePatchReport(nodeId: string, report: PatchReport): Promise<void> {
  await storeReport(nodeId, report);
}
