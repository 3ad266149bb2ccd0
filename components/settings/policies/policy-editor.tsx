'use client';

import { useRef, useState, type ReactNode, type RefObject } from 'react';
import type { PolicyError } from './queries';
import { lineCountOf } from './policy-text';

// Gutter, error bands and the underline mirror are positioned by line, so all share these metrics.
const LINE_HEIGHT_PX = 20;
const PADDING_TOP_PX = 8;
const METRICS = 'font-mono text-[13px] leading-5 whitespace-pre';

/** The document with each error's span wrapped in a wavy underline; drawn behind the textarea. */
function underlined(text: string, errors: PolicyError[]): ReactNode[] {
  const parts: ReactNode[] = [];
  let cursor = 0;
  for (const error of [...errors].sort((a, b) => a.offset - b.offset)) {
    if (error.offset < cursor || error.offset > text.length) continue;
    // A zero-length error (a missing comma) marks the character it stopped at.
    const end = Math.min(text.length, error.offset + Math.max(1, error.length));
    parts.push(text.slice(cursor, error.offset));
    parts.push(
      <mark key={error.offset} className="bg-transparent text-transparent underline decoration-red-600 decoration-wavy decoration-2 underline-offset-4">
        {text.slice(error.offset, end) || ' '}
      </mark>,
    );
    cursor = end;
  }
  parts.push(text.slice(cursor));
  return parts;
}

/**
 * A plain textarea with a line-number gutter. Lines named in `errors` are marked in the gutter and
 * banded; the exact spans are underlined while the text is still the one the errors are about.
 */
export function PolicyEditor({
  id,
  value,
  onChange,
  errors,
  checkedText,
  isReadOnly,
  textareaRef,
  describedBy,
}: {
  id: string;
  value: string;
  onChange?: (value: string) => void;
  errors: PolicyError[];
  /** The text the errors were found in; spans are underlined only while the text is unchanged. */
  checkedText?: string;
  isReadOnly?: boolean;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
  describedBy?: string;
}) {
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  const localRef = useRef<HTMLTextAreaElement>(null);
  const ref = textareaRef ?? localRef;
  const lineCount = lineCountOf(value);
  const messagesByLine = new Map<number, string[]>();
  for (const error of errors) messagesByLine.set(error.line, [...(messagesByLine.get(error.line) ?? []), error.message]);
  const showSpans = errors.length > 0 && checkedText === value;

  return (
    <div className={`flex h-[26rem] overflow-hidden rounded border bg-white ${errors.length > 0 ? 'border-red-400' : 'border-slate-300'} focus-within:border-sky-500`}>
      <div aria-hidden data-testid="policy-gutter" className={`w-12 shrink-0 select-none overflow-hidden border-r border-slate-200 bg-slate-50 text-right text-slate-400 ${METRICS}`}>
        <div style={{ transform: `translateY(${PADDING_TOP_PX - scroll.top}px)` }}>
          {Array.from({ length: lineCount }, (_, index) => {
            const line = index + 1;
            const messages = messagesByLine.get(line);
            return (
              <div key={line} data-line={line} data-error={messages ? 'true' : undefined} title={messages?.join('\n')}
                className={`pr-2 ${messages ? 'bg-red-100 font-semibold text-red-700' : ''}`}>
                {messages && <span className="float-left pl-1 text-red-600">●</span>}
                {line}
              </div>
            );
          })}
        </div>
      </div>
      <div className="relative min-w-0 flex-1">
        <div aria-hidden className={`pointer-events-none absolute inset-0 overflow-hidden ${METRICS}`}>
          <div className="relative" style={{ transform: `translate(${-scroll.left}px, ${-scroll.top}px)` }}>
            {[...messagesByLine.keys()].map((line) => (
              <div key={line} className="absolute left-0 w-[200%] bg-red-50" style={{ top: PADDING_TOP_PX + (line - 1) * LINE_HEIGHT_PX, height: LINE_HEIGHT_PX }} />
            ))}
            {showSpans && <div className="relative px-3 text-transparent" style={{ paddingTop: PADDING_TOP_PX }}>{underlined(value, errors)}</div>}
          </div>
        </div>
        <textarea
          id={id}
          ref={ref}
          value={value}
          readOnly={isReadOnly}
          onChange={(event) => onChange?.(event.target.value)}
          onScroll={(event) => setScroll({ top: event.currentTarget.scrollTop, left: event.currentTarget.scrollLeft })}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-invalid={errors.length > 0}
          aria-describedby={describedBy}
          className={`absolute inset-0 h-full w-full resize-none bg-transparent px-3 text-slate-900 outline-none ${METRICS} ${isReadOnly ? 'text-slate-700' : ''}`}
          style={{ paddingTop: PADDING_TOP_PX, paddingBottom: PADDING_TOP_PX }}
        />
      </div>
    </div>
  );
}

/** The server's findings beside the editor; choosing one selects the offending text. */
export function PolicyProblems({ id, errors, isStale, onSelect }: { id: string; errors: PolicyError[]; isStale: boolean; onSelect: (error: PolicyError) => void }) {
  return (
    <div id={id} role="alert" aria-label="Policy document errors" className="self-start rounded border border-red-200 bg-red-50 text-sm text-red-900">
      <p className="border-b border-red-200 px-3 py-2 font-medium">
        {errors.length === 1 ? '1 problem' : `${errors.length} problems`} in the document — nothing was saved
        {isStale && <span className="block text-xs font-normal text-red-700">Found before your latest edits; save again to re-check.</span>}
      </p>
      <ul className="divide-y divide-red-100">
        {errors.map((error) => (
          <li key={`${error.offset}:${error.message}`}>
            <button type="button" onClick={() => onSelect(error)} title="Select it in the editor" className="w-full px-3 py-2 text-left hover:bg-red-100">
              <span className="font-semibold">line {error.line}, column {error.column}:</span> {error.message}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
