import { downloadResponse, withSession } from '@/server/http/route';
import { csvLine } from '@/server/fleet/export';
import type { Caller } from '@/server/identity/caller';
import { getCommandDetail, listCommandInvocations, type InvocationView } from '@/server/runcommand/service';

const PAGE = 1000;
const HEADER = ['Node ID', 'Node name', 'Status', 'Status details', 'Exit code', 'Started', 'Ended', 'Duration (s)', 'Output (first 2500 characters)'];

function row(invocation: InvocationView): string[] {
  const start = invocation.ExecutionStartDateTime;
  const end = invocation.ExecutionEndDateTime;
  return [
    invocation.InstanceId,
    invocation.InstanceName,
    invocation.Status,
    invocation.StatusDetails,
    String(invocation.ResponseCode),
    start?.toISOString() ?? '',
    end?.toISOString() ?? '',
    start && end ? ((end.getTime() - start.getTime()) / 1000).toFixed(3) : '',
    invocation.CommandPlugins.map((plugin) => plugin.Output).join('\n'),
  ];
}

/** Every node's result, a page of 1,000 at a time, pulled only as the download is read. */
async function* resultsCsv(caller: Caller, commandId: string): AsyncGenerator<string> {
  yield csvLine(HEADER);
  for (let offset = 0; ; offset += PAGE) {
    const { invocations, hasMore } = await listCommandInvocations(caller, { commandId, details: true, maxResults: PAGE, offset });
    for (const invocation of invocations) yield csvLine(row(invocation));
    if (!hasMore) return;
  }
}

export const GET = withSession<{ commandId: string }>(async (_req, caller, { commandId }) => {
  // Asked first so an unknown command or a refusal answers as JSON, not as a broken download.
  await getCommandDetail(caller, commandId);
  return downloadResponse(resultsCsv(caller, commandId), 'text/csv; charset=utf-8', `opsdeck-command-${commandId}`, 'csv');
});
