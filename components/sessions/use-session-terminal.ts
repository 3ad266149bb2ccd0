'use client';

import { useEffect, useRef, useState, type RefObject } from 'react';
import { io, type Socket } from 'socket.io-client';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { SessionConnection, type ConnectionState, type Opening, type SessionSocket } from './session-connection';
import { clipboardShortcut } from './clipboard-keys';
import { SEARCH_DECORATIONS, TERMINAL_OPTIONS } from './terminal-options';

/** How long a start or attach may go unanswered before the tab says so. */
const REQUEST_TIMEOUT_MS = 20_000;
/** Window drags fire resize events by the dozen; the PTY needs only the size they end at. */
const RESIZE_DEBOUNCE_MS = 120;

function adaptSocket(socket: Socket): SessionSocket {
  return {
    isConnected: () => socket.connected,
    isActive: () => socket.active,
    on: (event, listener) => void socket.on(event, listener),
    emit: (event, payload) => void socket.emit(event, payload),
    request: (event, payload) => socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(event, payload),
    close: () => void socket.disconnect(),
  };
}

/** Fits the terminal to its box, unless the box is hidden (a background tab measures 0×0, which would shrink the shell to one row). */
function fitIfVisible(container: HTMLElement, fit: FitAddon): void {
  if (container.offsetWidth > 0 && container.offsetHeight > 0) fit.fit();
}

function handleClipboardKeys(term: Terminal, event: KeyboardEvent): boolean {
  const shortcut = clipboardShortcut(event);
  if (!shortcut) return true;
  event.preventDefault();
  if (shortcut === 'copy' && term.hasSelection()) void navigator.clipboard?.writeText(term.getSelection()).catch(() => {});
  // term.paste, not a write to the shell: it applies bracketed paste mode and hands the text to
  // onData as one string, like a paste event does.
  if (shortcut === 'paste') void navigator.clipboard?.readText().then((text) => term.paste(text)).catch(() => {});
  return false;
}

export interface TerminalSearch {
  next(term: string): boolean;
  previous(term: string): boolean;
  clear(): void;
}

/**
 * The xterm terminal of one session tab, and its connection. Owns their lifecycle: created once
 * when the box mounts (the opening is read then), fitted before the session starts so the shell
 * gets the right size for its first prompt, refitted when the box or the window changes size,
 * and disposed with the socket and observers on unmount, which detaches: the shell stays
 * resumable on the node for the grace period.
 */
export function useSessionTerminal(containerRef: RefObject<HTMLDivElement | null>, opening: Opening, isActive: boolean) {
  const [state, setState] = useState<ConnectionState>({ phase: 'connecting', missedChunks: 0, hasDroppedInput: false });
  const openingRef = useRef(opening);
  const connectionRef = useRef<SessionConnection | null>(null);
  const termRef = useRef<Terminal | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  const refitRef = useRef<() => void>(() => {});

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const term = new Terminal(TERMINAL_OPTIONS);
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(new WebLinksAddon());
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.open(container);
    term.attachCustomKeyEventHandler((event) => handleClipboardKeys(term, event));
    fitIfVisible(container, fit);

    const socket = io('/console', { transports: ['websocket'], autoConnect: false });
    const connection = new SessionConnection(adaptSocket(socket), term, openingRef.current, setState);
    const subscriptions = [term.onData((data) => connection.input(data)), term.onResize(({ cols, rows }) => connection.resize(cols, rows))];
    socket.connect();

    let timer: ReturnType<typeof setTimeout> | undefined;
    const refit = () => {
      clearTimeout(timer);
      timer = setTimeout(() => fitIfVisible(container, fit), RESIZE_DEBOUNCE_MS);
    };
    const observer = new ResizeObserver(refit);
    observer.observe(container);
    window.addEventListener('resize', refit);

    connectionRef.current = connection;
    termRef.current = term;
    searchRef.current = search;
    refitRef.current = () => fitIfVisible(container, fit);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
      window.removeEventListener('resize', refit);
      for (const subscription of subscriptions) subscription.dispose();
      connection.close();
      term.dispose();
      connectionRef.current = null;
      termRef.current = null;
      searchRef.current = null;
    };
  }, [containerRef]);

  // An ended session's screen stays to read, search and copy from, but takes no more typing.
  const isOver = state.phase === 'ended' || state.phase === 'failed';
  useEffect(() => {
    const term = termRef.current;
    if (!term || !isOver) return;
    term.options.disableStdin = true;
    term.options.cursorBlink = false;
  }, [isOver]);

  // A tab brought to the front fits its (now visible) box and takes the keyboard.
  useEffect(() => {
    if (!isActive) return;
    refitRef.current();
    termRef.current?.focus();
  }, [isActive]);

  const search: TerminalSearch = {
    next: (text) => searchRef.current?.findNext(text, { decorations: SEARCH_DECORATIONS }) ?? false,
    previous: (text) => searchRef.current?.findPrevious(text, { decorations: SEARCH_DECORATIONS }) ?? false,
    clear: () => searchRef.current?.clearDecorations(),
  };

  return {
    state,
    search,
    terminate: () => connectionRef.current?.terminate(),
    focus: () => termRef.current?.focus(),
  };
}
