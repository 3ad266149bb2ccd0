'use client';

import { useSyncExternalStore } from 'react';
import { DEFAULT_COLUMN_IDS, NODE_COLUMN_IDS, type NodeColumnId } from '@/server/fleet/filters';

const STORAGE_KEY = 'opsdeck.fleet.columns';
const listeners = new Set<() => void>();

function read(): string {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return ''; // storage blocked (private mode): the defaults
  }
}

function parse(stored: string): NodeColumnId[] {
  const ids = stored.split(',').filter((id): id is NodeColumnId => (NODE_COLUMN_IDS as string[]).includes(id));
  return ids.length > 0 ? NODE_COLUMN_IDS.filter((id) => ids.includes(id)) : DEFAULT_COLUMN_IDS;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab changed the choice.
  const onStorage = (event: StorageEvent) => event.key === STORAGE_KEY && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The table's columns, chosen by the user and kept in localStorage (per browser, not per account). */
export function useVisibleColumns() {
  const stored = useSyncExternalStore(subscribe, read, () => '');
  const columns = parse(stored);
  const setColumns = (next: NodeColumnId[]) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, NODE_COLUMN_IDS.filter((id) => next.includes(id)).join(','));
    } catch {
      // not persisted; nothing else to do
    }
    listeners.forEach((listener) => listener());
  };
  return { columns, setColumns };
}
