'use client';

import { valueDiffLines } from './value-diff-lines';

// The look of the documents' version diff (components/documents/version-diff.tsx), whose table
// is bound to its own query; the numbering of lines is shared.
const ROW = {
  added: 'bg-emerald-50 text-emerald-900',
  removed: 'bg-red-50 text-red-900',
  same: 'text-slate-700',
};
const SIGN = { added: '+', removed: '−', same: ' ' };

export function ValueDiff({ from, to }: { from: { version: number; value: string }; to: { version: number; value: string } }) {
  const lines = valueDiffLines(from.value, to.value);
  const added = lines.filter((line) => line.kind === 'added').length;
  const removed = lines.filter((line) => line.kind === 'removed').length;
  return (
    <figure aria-label={`Differences between version ${from.version} and version ${to.version}`} className="border-t border-slate-200">
      <figcaption className="flex gap-4 px-5 py-2 text-sm text-slate-600">
        <span>{`Version ${from.version} → version ${to.version}`}</span>
        <span className="text-emerald-700">{`+${added} added`}</span>
        <span className="text-red-700">{`−${removed} removed`}</span>
        {added === 0 && removed === 0 && <span>The two versions have the same value.</span>}
      </figcaption>
      <div className="max-h-[28rem] overflow-auto border-t border-slate-100 font-mono text-xs">
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
