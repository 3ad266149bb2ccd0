'use client';

import { useMemo, type ReactNode } from 'react';
import { graphLayout, runbookGraph } from '@/server/automation/graph';
import { RunbookGraph } from './runbook-graph';
import { statusByStep } from './graph-geometry';
import { parseRunbook } from './runbook-content';
import { Section } from '@/components/settings/ui';
import { ErrorNotice } from '@/components/ui/notices';

/** Scrolls the step timeline to the latest execution of a step clicked in the graph. */
function showStepInTimeline(name: string) {
  const items = document.querySelectorAll<HTMLElement>(`ol[aria-label="Step timeline"] > li[data-step="${CSS.escape(name)}"]`);
  items[items.length - 1]?.scrollIntoView({ behavior: 'smooth', block: 'center' });
}

/**
 * The runbook's graph in a panel: drawn from its text (the editor's, as typed, or a saved
 * version's), and lit by an execution's step statuses when `steps` are given.
 */
export function RunbookGraphPanel({
  content,
  error,
  isPending = false,
  steps,
  emptyText,
  actions,
  children,
}: {
  content?: string;
  error?: unknown;
  isPending?: boolean;
  steps?: readonly { StepName: string; StepStatus: string }[];
  emptyText: string;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const parsed = useMemo(() => (content === undefined ? null : parseRunbook(content)), [content]);
  const layout = useMemo(() => (parsed?.document ? graphLayout(runbookGraph(parsed.document)) : null), [parsed]);
  const statuses = useMemo(() => (steps ? statusByStep(steps) : undefined), [steps]);
  const stepCount = layout?.nodes.filter((node) => node.id !== '__end__').length ?? 0;

  return (
    <Section
      title="Runbook graph"
      description={steps ? 'Each step in the colour of its status; click one to find it in the timeline.' : 'How the steps connect: next steps, branches, failure paths and loops.'}
      actions={actions}
    >
      <div className="space-y-3 p-5">
        {Boolean(error) && <ErrorNotice error={error} />}
        {isPending && <p className="text-sm text-slate-500">Loading the runbook…</p>}
        {!isPending && !error && content === undefined && <p className="text-sm text-slate-500">{emptyText}</p>}
        {parsed?.error && <p className="text-sm text-amber-800">{`The content does not parse yet: ${parsed.error}`}</p>}
        {layout && stepCount === 0 && <p className="text-sm text-slate-500">No steps yet: add some under mainSteps.</p>}
        {layout && stepCount > 0 && <RunbookGraph layout={layout} statuses={statuses} onSelectStep={steps ? showStepInTimeline : undefined} />}
        {children}
      </div>
    </Section>
  );
}
