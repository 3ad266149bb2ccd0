'use client';

import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { OutputChunk } from './output-store';

/**
 * Live Run Command updates over the console namespace: joins the rooms of `commandIds`
 * (`command:watch`, acked; left again with `command:unwatch`), re-joins them after a reconnect,
 * and hands `command:changed` and `command:output` events to the handlers. Owns its connection:
 * opened with the page, closed when it unmounts.
 */
export function useCommandSocket(commandIds: string[], handlers: { onChanged?: (commandId: string) => void; onOutput?: (chunk: OutputChunk) => void; onReconnect?: () => void }) {
  const [isConnected, setIsConnected] = useState(false);
  const [watchError, setWatchError] = useState<string | null>(null);
  const handlersRef = useRef(handlers);
  const socketRef = useRef<Socket | null>(null);
  const wantedRef = useRef(new Set<string>());
  const watchedRef = useRef(new Set<string>());

  useEffect(() => {
    handlersRef.current = handlers;
  });

  /** Brings the joined rooms in line with the commands wanted now. */
  const syncRef = useRef(() => {
    const socket = socketRef.current;
    // Before the first connect there is nothing to join; the connect handler syncs.
    if (!socket?.connected) return;
    for (const commandId of watchedRef.current) {
      if (wantedRef.current.has(commandId)) continue;
      socket.emit('command:unwatch', commandId);
      watchedRef.current.delete(commandId);
    }
    for (const commandId of wantedRef.current) {
      if (watchedRef.current.has(commandId)) continue;
      watchedRef.current.add(commandId);
      socket.emit('command:watch', commandId, (answer: { ok: boolean; error?: string }) => setWatchError(answer?.ok === false ? (answer.error ?? 'live updates were refused') : null));
    }
  });

  useEffect(() => {
    const socket = io('/console', { transports: ['websocket'] });
    const watched = watchedRef.current;
    const sync = syncRef.current;
    let hasConnected = false;
    socket.on('connect', () => {
      setIsConnected(true);
      // Rooms do not survive a reconnect: join them all again, and catch up on what was missed.
      watched.clear();
      sync();
      if (hasConnected) handlersRef.current.onReconnect?.();
      hasConnected = true;
    });
    socket.on('disconnect', () => setIsConnected(false));
    socket.on('command:changed', (event: { commandId: string }) => handlersRef.current.onChanged?.(event.commandId));
    socket.on('command:output', (chunk: OutputChunk) => handlersRef.current.onOutput?.(chunk));
    socketRef.current = socket;
    return () => {
      socketRef.current = null;
      watched.clear();
      socket.disconnect();
    };
  }, []);

  const key = [...new Set(commandIds)].sort().join(',');
  useEffect(() => {
    wantedRef.current = new Set(key ? key.split(',') : []);
    syncRef.current();
  }, [key]);

  return { isConnected, watchError };
}
