'use client';

import { useEffect, useRef } from 'react';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, placeholder as placeholderText } from '@codemirror/view';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import type { DocumentIssue } from './queries';

export type ContentFormat = 'JSON' | 'YAML' | 'TEXT';

const languageOf = (format: ContentFormat): Extension => (format === 'JSON' ? json() : format === 'YAML' ? yaml() : []);

/** Enter keeps the line's indentation and Tab indents by two spaces: YAML is indentation. */
const indentKeys = keymap.of([
  {
    key: 'Enter',
    run: (view) => {
      const { state } = view;
      if (state.readOnly) return false;
      const range = state.selection.main;
      const indent = /^\s*/.exec(state.doc.lineAt(range.head).text)?.[0] ?? '';
      view.dispatch(state.update(state.replaceSelection(`\n${indent}`), { scrollIntoView: true, userEvent: 'input' }));
      return true;
    },
  },
  {
    key: 'Tab',
    run: (view) => {
      if (view.state.readOnly) return false;
      view.dispatch(view.state.update(view.state.replaceSelection('  '), { scrollIntoView: true, userEvent: 'input' }));
      return true;
    },
  },
]);

/** Undo/redo history and the standard keys (Ctrl+Z, Ctrl+Shift+Z, selection moves...) after ours. */
const editingKeys: Extension = [history(), indentKeys, keymap.of([...defaultKeymap, ...historyKeymap])];

const NO_ISSUES: DocumentIssue[] = [];

const theme = EditorView.theme({
  '&': { fontSize: '13px', backgroundColor: 'white' },
  '&.cm-focused': { outline: 'none' },
  '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', padding: '8px 0' },
  '.cm-gutters': { backgroundColor: '#f8fafc', borderRight: '1px solid #e2e8f0', color: '#94a3b8' },
  '.cm-activeLine': { backgroundColor: '#f0f9ff80' },
  '.cm-activeLineGutter': { backgroundColor: '#e0f2fe' },
});

/** Issues the server placed (1-based line and column) as CodeMirror diagnostics; unplaced ones go on line 1. */
function diagnosticsOf(state: EditorState, issues: DocumentIssue[]): Diagnostic[] {
  return issues.map((issue) => {
    const line = state.doc.line(Math.min(Math.max(issue.line ?? 1, 1), state.doc.lines));
    const from = issue.column ? Math.min(line.from + issue.column - 1, line.to) : line.from;
    // The rest of the line from the column: a zero-width mark is hard to see.
    const to = from < line.to ? line.to : Math.min(from + 1, state.doc.length);
    return { from, to: Math.max(to, from), severity: 'error', message: issue.path ? `${issue.path}: ${issue.message}` : issue.message };
  });
}

/**
 * A CodeMirror 6 editor owning its lifecycle: created once, reconfigured when the format or
 * read-only flag changes, its text replaced only when `value` differs from what it holds (so
 * typing never resets the cursor), destroyed on unmount. Issues show inline and in the gutter.
 */
export function CodeEditor({
  value,
  onChange,
  format,
  isReadOnly = false,
  issues = NO_ISSUES,
  label,
  minHeight = '16rem',
  maxHeight = '36rem',
  placeholder,
  jumpTo,
}: {
  value: string;
  onChange?: (value: string) => void;
  format: ContentFormat;
  isReadOnly?: boolean;
  issues?: DocumentIssue[];
  label: string;
  minHeight?: string;
  maxHeight?: string;
  placeholder?: string;
  /** Moves the cursor to this 1-based line (and column) and scrolls it into view; a new object jumps again. */
  jumpTo?: { line: number; column?: number };
}) {
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  const compartments = useRef({ language: new Compartment(), readOnly: new Compartment() });

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  // Created once; the effects below push later prop changes into it.
  useEffect(() => {
    const { language, readOnly } = compartments.current;
    const view = new EditorView({
      parent: hostRef.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          lintGutter(),
          editingKeys,
          EditorState.tabSize.of(2),
          theme,
          EditorView.theme({ '&': { minHeight, maxHeight }, '.cm-scroller': { minHeight, maxHeight, overflow: 'auto' } }),
          EditorView.contentAttributes.of({ 'aria-label': label }),
          placeholder ? placeholderText(placeholder) : [],
          language.of(languageOf(format)),
          readOnly.of([EditorState.readOnly.of(isReadOnly), EditorView.editable.of(!isReadOnly)]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the editor is built once; later changes are dispatched below
  }, []);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: compartments.current.language.reconfigure(languageOf(format)) });
  }, [format]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: compartments.current.readOnly.reconfigure([EditorState.readOnly.of(isReadOnly), EditorView.editable.of(!isReadOnly)]) });
  }, [isReadOnly]);

  useEffect(() => {
    const view = viewRef.current;
    if (view && view.state.doc.toString() !== value) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const view = viewRef.current;
    if (view) view.dispatch(setDiagnostics(view.state, diagnosticsOf(view.state, issues)));
  }, [issues]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || !jumpTo) return;
    const line = view.state.doc.line(Math.min(Math.max(jumpTo.line, 1), view.state.doc.lines));
    const at = jumpTo.column ? Math.min(line.from + jumpTo.column - 1, line.to) : line.from;
    view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
    view.focus();
  }, [jumpTo]);

  return <div ref={hostRef} className="overflow-hidden rounded border border-slate-300 focus-within:border-sky-500" data-testid="code-editor" />;
}
