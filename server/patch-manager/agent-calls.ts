import type { PatchEvaluate, PatchEvaluateResult, PatchReport } from '@/agent/protocol';

/** `patch:evaluate`: the node's effective baseline decides on each offered update. */
export async function evaluateNodePatches(nodeId: string, request: PatchEvaluate): Promise<PatchEvaluateResult> {
  void nodeId;
  void request;
  throw new Error('patch evaluation is not built yet');
}

/** `patch:report`: the node's per-patch states after a Scan or Install. */
export async function storePatchReport(nodeId: string, report: PatchReport): Promise<void> {
  void nodeId;
  void report;
  throw new Error('patch reports are not built yet');
}
