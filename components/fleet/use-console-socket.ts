'use client';

import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { nodeKeys, type Node, type NodeList } from './queries';

/** Applies a pushed node change to every cached view of it; an unseen node refetches the lists. */
function applyNodeUpdate(queryClient: QueryClient, node: Node): void {
  queryClient.setQueryData(nodeKeys.detail(node.nodeId), node);
  void queryClient.invalidateQueries({ queryKey: nodeKeys.summary() });
  let isListed = false;
  queryClient.setQueriesData<NodeList>({ queryKey: nodeKeys.lists() }, (list) => {
    if (!list) return list;
    const index = list.nodes.findIndex((candidate) => candidate.nodeId === node.nodeId);
    if (index === -1) return list;
    isListed = true;
    return { ...list, nodes: list.nodes.map((candidate, i) => (i === index ? node : candidate)) };
  });
  if (!isListed) void queryClient.invalidateQueries({ queryKey: nodeKeys.lists() });
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
    socket.on('node:updated', (node: Node) => applyNodeUpdate(queryClient, node));
    return () => {
      socket.disconnect();
    };
  }, [queryClient]);

  return { isConnected };
}
