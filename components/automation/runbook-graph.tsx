'use client';

import { useMemo } from 'react';
import { clip, END_NODE_ID, placeGraph, type EdgeKind, type GraphLayout, type PlacedNode } from './graph-geometry';
import { statusLabel, toneOf } from './status-badge';

/** How each kind of edge is drawn: the normal flow grey, branches sky, failure red dashed, loops violet. */
export const EDGE_STYLES: Record<EdgeKind, { stroke: string; dash?: string; legend: string }> = {
  next: { stroke: '#94a3b8', legend: 'Next step' },
  branch: { stroke: '#0284c7', legend: 'Branch choice' },
  default: { stroke: '#0284c7', dash: '4 3', legend: 'Branch default' },
  failure: { stroke: '#ef4444', dash: '5 4', legend: 'On failure' },
  cancel: { stroke: '#d97706', dash: '5 4', legend: 'On cancel' },
  'loop-body': { stroke: '#8b5cf6', legend: 'Loop body' },
  'loop-back': { stroke: '#8b5cf6', dash: '3 3', legend: 'Next iteration' },
};
const EDGE_KINDS = Object.keys(EDGE_STYLES) as EdgeKind[];

const IDLE = { fill: '#ffffff', stroke: '#cbd5e1', text: '#334155' };

function NodeBox({ node, status, onSelect }: { node: PlacedNode; status?: string; onSelect?: (name: string) => void }) {
  if (node.id === END_NODE_ID) {
    return (
      <g data-step={END_NODE_ID} transform={`translate(${node.x},${node.y + 11})`}>
        <rect width={node.width} height={32} rx={16} fill="#1e293b" />
        <text x={node.width / 2} y={20.5} textAnchor="middle" fontSize={12} fontWeight={600} fill="#ffffff">End</text>
      </g>
    );
  }
  const tone = status ? toneOf(status) : IDLE;
  const isLive = status === 'InProgress' || status === 'Waiting';
  const label = `${node.name} (${node.action})${status ? `: ${statusLabel(status)}` : ''}${node.isKnownAction ? '' : ', an action Opsdeck does not know'}`;
  const select = onSelect ? () => onSelect(node.name) : undefined;
  const statusText = status ? statusLabel(status) : '';
  // The name gets what the status word leaves of the first line (about 7.8 px a bold character).
  const nameChars = Math.floor((node.width - 24 - (statusText ? statusText.length * 6 + 8 : 0)) / 7.8);
  return (
    <g
      data-step={node.name}
      data-status={status ?? 'NotRun'}
      transform={`translate(${node.x},${node.y})`}
      className={select ? 'cursor-pointer' : undefined}
      onClick={select}
      onKeyDown={select ? (event) => (event.key === 'Enter' || event.key === ' ') && select() : undefined}
      tabIndex={select ? 0 : undefined}
      role={select ? 'button' : undefined}
      aria-label={select ? label : undefined}
    >
      <title>{label}</title>
      {/* A step that runs or waits breathes a halo; its text stays still and readable. */}
      {isLive && <rect x={-4} y={-4} width={node.width + 8} height={node.height + 8} rx={11} fill="none" stroke={tone.stroke} strokeWidth={3} strokeOpacity={0.45} className="animate-pulse" />}
      <rect width={node.width} height={node.height} rx={8} fill={tone.fill} stroke={node.isKnownAction ? tone.stroke : '#d97706'} strokeWidth={status ? 2 : 1.25} strokeDasharray={node.isKnownAction ? undefined : '4 3'} />
      {status && <rect width={4} height={node.height - 12} x={0} y={6} rx={2} fill={tone.stroke} />}
      <text x={14} y={22} fontSize={13} fontWeight={600} fill="#0f172a">{clip(node.name, nameChars)}</text>
      <text x={14} y={40} fontSize={11} fontFamily="ui-monospace, SFMono-Regular, Menlo, monospace" fill={node.isKnownAction ? '#64748b' : '#b45309'}>
        {clip(node.isKnownAction ? node.action : `${node.action} (unknown)`, 26)}
      </text>
      {status && <text x={node.width - 10} y={22} textAnchor="end" fontSize={10} fontWeight={600} fill={tone.text}>{statusText}</text>}
    </g>
  );
}

/**
 * A runbook drawn as boxes and arrows from graphLayout(runbookGraph(…)): one box per step with
 * its action, arrows styled by kind, each loop's body framed, and (given an execution's step
 * statuses) each box in its status's colour. Plain SVG sized to the graph; it scales down to fit.
 */
export function RunbookGraph({ layout, statuses, onSelectStep }: { layout: GraphLayout; statuses?: ReadonlyMap<string, string>; onSelectStep?: (name: string) => void }) {
  const placed = useMemo(() => placeGraph(layout), [layout]);
  const kinds = EDGE_KINDS.filter((kind) => placed.edges.some((edge) => edge.kind === kind));
  return (
    <figure aria-label="Runbook graph" className="space-y-3">
      <div className="overflow-auto">
        <svg width={placed.width} height={placed.height} viewBox={`0 0 ${placed.width} ${placed.height}`} className="mx-auto block h-auto max-w-full" fontFamily="ui-sans-serif, system-ui, sans-serif">
          <defs>
            {kinds.map((kind) => (
              <marker key={kind} id={`arrow-${kind}`} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={7} markerHeight={7} orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" fill={EDGE_STYLES[kind].stroke} />
              </marker>
            ))}
          </defs>
          {placed.frames.map((frame) => (
            <g key={frame.loopId} data-loop={frame.loopId}>
              <rect x={frame.x} y={frame.y} width={frame.width} height={frame.height} rx={10} fill="#f5f3ff" fillOpacity={0.6} stroke="#c4b5fd" strokeDasharray="4 3" />
              <text x={frame.x + 10} y={frame.y + 12} fontSize={10} fontWeight={600} fill="#6d28d9">{clip(frame.title, 32)}</text>
            </g>
          ))}
          {placed.edges.map((edge, index) => {
            const style = EDGE_STYLES[edge.kind];
            return <path key={`${edge.from}-${edge.to}-${index}`} d={edge.path} fill="none" stroke={style.stroke} strokeWidth={1.5} strokeDasharray={style.dash} markerEnd={`url(#arrow-${edge.kind})`} data-edge={edge.kind} />;
          })}
          {placed.nodes.map((node) => <NodeBox key={node.id} node={node} status={statuses?.get(node.name)} onSelect={onSelectStep} />)}
          {/* Labels last, so no box or arrow covers them. */}
          {placed.edges.map((edge, index) => {
            if (!edge.tag) return null;
            const { text, at, width } = edge.tag;
            return (
              <g key={`label-${edge.from}-${edge.to}-${index}`} transform={`translate(${at.x - width / 2},${at.y - 8})`}>
                <title>{edge.label ?? text}</title>
                <rect width={width} height={16} rx={4} fill="#ffffff" stroke={EDGE_STYLES[edge.kind].stroke} strokeOpacity={0.4} />
                <text x={width / 2} y={11.5} textAnchor="middle" fontSize={10} fill={EDGE_STYLES[edge.kind].stroke}>{text}</text>
              </g>
            );
          })}
        </svg>
      </div>
      {kinds.length > 0 && (
        <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
          {kinds.map((kind) => (
            <span key={kind} className="inline-flex items-center gap-1.5">
              <svg width={22} height={8} aria-hidden><line x1={0} y1={4} x2={22} y2={4} stroke={EDGE_STYLES[kind].stroke} strokeWidth={2} strokeDasharray={EDGE_STYLES[kind].dash} /></svg>
              {EDGE_STYLES[kind].legend}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
