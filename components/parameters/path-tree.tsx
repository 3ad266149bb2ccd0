'use client';

import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { nameSearchQuery, pathChildrenQuery } from './queries';
import { buildMatchTree, type MatchNode } from './match-tree';
import { lastLevel } from './name-rules';
import { ErrorNotice } from '@/components/ui/notices';

const plural = (count: number, noun: string) => `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;

/** One row of the tree: an expand toggle (when it can have sub-paths) and the path to select. */
function TreeRow({
  path,
  count,
  noun,
  depth,
  isSelected,
  isExpanded,
  onToggle,
  onSelect,
}: {
  path: string;
  count: number;
  noun: string;
  depth: number;
  isSelected: boolean;
  isExpanded?: boolean;
  onToggle?: () => void;
  onSelect: () => void;
}) {
  return (
    <div className={`group flex items-center rounded ${isSelected ? 'bg-sky-50 text-sky-800' : 'hover:bg-slate-100'}`} style={{ paddingLeft: `${depth * 0.875}rem` }}>
      {onToggle ? (
        <button
          type="button"
          onClick={onToggle}
          aria-expanded={isExpanded}
          aria-label={`${isExpanded ? 'Collapse' : 'Expand'} ${path}`}
          className="flex h-7 w-6 shrink-0 items-center justify-center text-slate-400 hover:text-slate-700"
        >
          <span aria-hidden className={`text-[10px] transition-transform ${isExpanded ? 'rotate-90' : ''}`}>▶</span>
        </button>
      ) : (
        <span className="w-6 shrink-0" />
      )}
      <button
        type="button"
        onClick={onSelect}
        aria-current={isSelected ? 'true' : undefined}
        aria-label={`${path}, ${plural(count, noun)}`}
        title={path}
        className="flex min-w-0 flex-1 items-center justify-between gap-2 py-1 pr-2 text-left text-sm"
      >
        <span className={`flex min-w-0 items-center gap-1.5 ${isSelected ? 'font-medium' : ''}`}>
          <FolderIcon isOpen={Boolean(isExpanded)} />
          <span className="truncate font-mono text-[13px]">{lastLevel(path)}</span>
        </span>
        <span className={`shrink-0 rounded-full px-1.5 text-xs tabular-nums ${isSelected ? 'bg-sky-100 text-sky-800' : 'bg-slate-100 text-slate-600'}`}>{count.toLocaleString('en')}</span>
      </button>
    </div>
  );
}

function FolderIcon({ isOpen }: { isOpen: boolean }) {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5 shrink-0 text-amber-500" fill="currentColor">
      {isOpen ? <path d="M1.5 3A1.5 1.5 0 0 1 3 1.5h3l1.5 1.5H13A1.5 1.5 0 0 1 14.5 4.5V6H4.2a1.5 1.5 0 0 0-1.42 1.02L1.5 11V3Zm1.77 4.34A1 1 0 0 1 4.2 6.7h10.6a.5.5 0 0 1 .47.66l-1.67 5.47a1.5 1.5 0 0 1-1.43 1.07H2.2a.5.5 0 0 1-.47-.66l1.54-5.9Z" /> : <path d="M1.5 3.5A1.5 1.5 0 0 1 3 2h3.1l1.5 1.5H13a1.5 1.5 0 0 1 1.5 1.5v7.5A1.5 1.5 0 0 1 13 14H3a1.5 1.5 0 0 1-1.5-1.5v-9Z" />}
    </svg>
  );
}

/** A path whose sub-paths are read when it is first opened. */
function LazyBranch({ path, count, depth, selectedPath, onSelect }: { path: string; count: number; depth: number; selectedPath: string; onSelect: (path: string) => void }) {
  // The selected path and those above it start open, so a linked view shows where it is.
  const [isExpanded, setIsExpanded] = useState(selectedPath === path || selectedPath.startsWith(`${path}/`));
  const { data, error, isPending } = useQuery({ ...pathChildrenQuery(path), enabled: isExpanded });
  const children = data?.children ?? [];
  const isLeaf = data !== undefined && children.length === 0;
  return (
    <li>
      <TreeRow
        path={path}
        count={count}
        noun="parameter"
        depth={depth}
        isSelected={selectedPath === path}
        isExpanded={isExpanded && !isLeaf}
        onToggle={isLeaf ? undefined : () => setIsExpanded(!isExpanded)}
        onSelect={() => {
          onSelect(path);
          setIsExpanded(true);
        }}
      />
      {isExpanded && (
        <>
          {isPending && <p className="py-1 text-xs text-slate-400" style={{ paddingLeft: `${(depth + 1) * 0.875 + 1.5}rem` }}>Loading…</p>}
          {error && <ErrorNotice error={error} />}
          {children.length > 0 && (
            <ul>
              {children.map((child) => (
                <LazyBranch key={child.path} path={child.path} count={child.parameterCount} depth={depth + 1} selectedPath={selectedPath} onSelect={onSelect} />
              ))}
            </ul>
          )}
        </>
      )}
    </li>
  );
}

/** A path in the search results' tree: built whole, always open. */
function MatchBranch({ node, depth, selectedPath, onSelect }: { node: MatchNode; depth: number; selectedPath: string; onSelect: (path: string) => void }) {
  return (
    <li>
      <TreeRow path={node.path} count={node.matchCount} noun="match" depth={depth} isSelected={selectedPath === node.path} isExpanded={node.children.length > 0} onSelect={() => onSelect(node.path)} />
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => <MatchBranch key={child.path} node={child} depth={depth + 1} selectedPath={selectedPath} onSelect={onSelect} />)}
        </ul>
      )}
    </li>
  );
}

function RootRow({ isSelected, label, onSelect }: { isSelected: boolean; label: ReactNode; onSelect: () => void }) {
  return (
    <button
      type="button"
      onClick={onSelect}
      aria-current={isSelected ? 'true' : undefined}
      className={`flex w-full items-center gap-1.5 rounded px-2 py-1 text-left text-sm ${isSelected ? 'bg-sky-50 font-medium text-sky-800' : 'hover:bg-slate-100'}`}
    >
      <span aria-hidden className="font-mono text-slate-400">/</span>
      {label}
    </button>
  );
}

function SearchResultsTree({ text, selectedPath, onSelect }: { text: string; selectedPath: string; onSelect: (path: string) => void }) {
  const { data, error, isPending } = useQuery(nameSearchQuery(text));
  if (error) return <ErrorNotice error={error} />;
  if (isPending) return <p className="px-2 py-1 text-xs text-slate-400">Searching…</p>;
  const tree = buildMatchTree(data.names);
  const topLevel = data.names.filter((name) => !name.startsWith('/') || name.indexOf('/', 1) === -1).length;
  return (
    <>
      <p role="status" className="px-2 pb-1 text-xs text-slate-500">
        {data.names.length === 0
          ? `No name contains "${text}".`
          : `${plural(data.names.length, 'name')}${data.isTruncated ? ' (the first 200)' : ''} ${data.names.length === 1 ? 'contains' : 'contain'} "${text}".`}
      </p>
      {data.names.length > 0 && <RootRow isSelected={selectedPath === '/'} label={<span>All matches {topLevel > 0 && <span className="text-xs text-slate-500">· {topLevel} at the top level</span>}</span>} onSelect={() => onSelect('/')} />}
      <ul>{tree.map((node) => <MatchBranch key={node.path} node={node} depth={0} selectedPath={selectedPath} onSelect={onSelect} />)}</ul>
    </>
  );
}

function HierarchyTree({ selectedPath, onSelect }: { selectedPath: string; onSelect: (path: string) => void }) {
  const { data, error, isPending } = useQuery(pathChildrenQuery('/'));
  return (
    <>
      <RootRow isSelected={selectedPath === '/'} label="All parameters" onSelect={() => onSelect('/')} />
      {error && <ErrorNotice error={error} />}
      {isPending && <p className="px-2 py-1 text-xs text-slate-400">Loading…</p>}
      {data && data.children.length === 0 && <p className="px-2 py-1 text-xs text-slate-500">No hierarchies yet. Names like /app/prod/db-url build one.</p>}
      {data && (
        <ul>
          {data.children.map((child) => <LazyBranch key={child.path} path={child.path} count={child.parameterCount} depth={0} selectedPath={selectedPath} onSelect={onSelect} />)}
        </ul>
      )}
    </>
  );
}

/**
 * The parameter hierarchy, opened level by level; with a search, the paths that lead to names
 * containing the text instead, with their number of matches.
 */
export function PathTree({
  selectedPath,
  searchText,
  settledSearch,
  onSearch,
  onSelect,
}: {
  selectedPath: string;
  /** What the box shows; `settledSearch` is the same text once typing pauses, which is what is searched. */
  searchText: string;
  settledSearch: string;
  onSearch: (text: string) => void;
  onSelect: (path: string) => void;
}) {
  return (
    <nav aria-label="Parameter hierarchy" className="flex min-h-0 flex-col">
      <div className="border-b border-slate-200 p-3">
        <input
          type="search"
          aria-label="Search names"
          placeholder="Search names"
          className="w-full rounded border border-slate-300 bg-white px-3 py-1.5 text-sm focus:border-sky-500 focus:outline-none"
          value={searchText}
          onChange={(event) => onSearch(event.target.value)}
        />
      </div>
      <div className="min-h-0 flex-1 overflow-auto p-2">
        {settledSearch.trim() ? <SearchResultsTree text={settledSearch.trim()} selectedPath={selectedPath} onSelect={onSelect} /> : <HierarchyTree selectedPath={selectedPath} onSelect={onSelect} />}
      </div>
    </nav>
  );
}
