'use client';

import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createInvalidator } from '../lib/use-throttled-invalidate';
import { nodeKeys, type Node, type NodeList } from './queries';

/** Applies a pushed node change to every cached view of it; aggregates and unseen nodes refetch. */
function applyNodeUpdate(queryClient: QueryClient, refetcher: ReturnType<typeof createInvalidator>, node: Node): void {
  // Merge: the detail view carries fields (the caller's permissions) that pushes do not.
  queryClient.setQueryData<Node>(nodeKeys.detail(node.nodeId), (current) => (current ? { ...current, ...node } : current));
  refetcher.request(nodeKeys.summary());
  refetcher.request(['resource-groups']);
  queryClient.setQueriesData<NodeList>({ queryKey: nodeKeys.lists() }, (list) => {
    if (!list) return list;
    const index = list.nodes.findIndex((candidate) => candidate.nodeId === node.nodeId);
    if (index === -1) return list;
    return { ...list, nodes: list.nodes.map((candidate, i) => (i === index ? { ...candidate, ...node } : candidate)) };
  });
  // Patched in place for an instant change; refetched soon after, because a filtered page (say,
  // status=Online) may no longer contain the node at all, or may now contain it.
  refetcher.request(nodeKeys.lists());
}

/** Owns the console's one socket.io connection (namespace /console) for live fleet status. */
export function useConsoleSocket() {
  const queryClient = useQueryClient();
  const [isConnected, setIsConnected] = useState(false);

  useEffect(() => {
    const socket = io('/console', { transports: ['websocket'] });
    socket.on('connect', () => {
      setIsConnected(true);
      // Anything may have changed while we were away.
      void queryClient.invalidateQueries({ queryKey: nodeKeys.all });
    });
    socket.on('disconnect', () => setIsConnected(false));
    const refetcher = createInvalidator(queryClient, 1000);
    socket.on('node:updated', (node: Node) => applyNodeUpdate(queryClient, refetcher, node));
    return () => {
      refetcher.cancel();
      socket.disconnect();
    };
  }, [queryClient]);

  return { isConnected };
}
