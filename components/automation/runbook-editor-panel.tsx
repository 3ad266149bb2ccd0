'use client';

import { RunbookGraphPanel } from './runbook-graph-panel';
import { DryRunPanel } from './dry-run-panel';
import { useDebouncedValue } from '@/components/documents/use-document-lint';

/**
 * Beside an Automation document's editor: the runbook drawn as it is typed (redrawn once typing
 * pauses), and a dry run of the text as it is.
 */
export function RunbookEditorPanel({ content, format, onJump }: { content: string; format: 'JSON' | 'YAML'; onJump: (line: number, column?: number) => void }) {
  const settled = useDebouncedValue(content, 300);
  return (
    <RunbookGraphPanel content={settled} emptyText="Write some steps to see the graph.">
      <DryRunPanel content={content} format={format} onJump={onJump} />
    </RunbookGraphPanel>
  );
}
