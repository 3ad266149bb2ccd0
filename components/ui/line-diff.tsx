'use client';

import type { DiffLine } from '@/components/documents/diff-lines';

const ROW = {
  added: 'bg-emerald-50 text-emerald-900',
  removed: 'bg-red-50 text-red-900',
  same: 'text-slate-700',
};
const SIGN = { added: '+', removed: '−', same: ' ' };

/** A numbered line diff between two versions (documents' content, parameters' values). */
export function LineDiff({ lines, fromVersion, toVersion, sameMessage, maxHeightClass }: { lines: DiffLine[]; fromVersion: number | string; toVersion: number | string; sameMessage: string; maxHeightClass: string }) {
  const added = lines.filter((line) => line.kind === 'added').length;
  const removed = lines.filter((line) => line.kind === 'removed').length;
  return (
    <figure aria-label={`Differences between version ${fromVersion} and version ${toVersion}`} className="border-t border-slate-200">
      <figcaption className="flex gap-4 px-5 py-2 text-sm text-slate-600">
        <span>{`Version ${fromVersion} → version ${toVersion}`}</span>
        <span className="text-emerald-700">{`+${added} added`}</span>
        <span className="text-red-700">{`−${removed} removed`}</span>
        {added === 0 && removed === 0 && <span>{sameMessage}</span>}
      </figcaption>
      <div className={`${maxHeightClass} overflow-auto border-t border-slate-100 font-mono text-xs`}>
        <table className="w-full border-collapse">
          <tbody>
            {lines.map((line, index) => (
              <tr key={index} className={ROW[line.kind]} data-diff={line.kind}>
                <td className="w-10 select-none border-r border-slate-200 px-2 text-right text-slate-400">{line.oldNumber ?? ''}</td>
                <td className="w-10 select-none border-r border-slate-200 px-2 text-right text-slate-400">{line.newNumber ?? ''}</td>
                <td className="w-5 select-none pl-2" aria-hidden>{SIGN[line.kind]}</td>
                <td className="whitespace-pre-wrap break-all py-0.5 pr-4">
                  {line.kind !== 'same' && <span className="sr-only">{line.kind === 'added' ? 'added: ' : 'removed: '}</span>}
                  {line.text}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
