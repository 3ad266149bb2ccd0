'use client';

import { useState } from 'react';
import type { NodeAccess, NodeWithAccess } from './queries';

/**
 * GET /api/nodes/:id adds what this user may do to the node; live socket updates and mutation
 * answers carry the node alone. The last answer for this node stands until a new one arrives.
 */
export function useNodeAccess(nodeId: string, node: NodeWithAccess | undefined): NodeAccess | undefined {
  const fresh = node?.permissions;
  const [known, setKnown] = useState<{ nodeId: string; permissions: NodeAccess }>();
  if (fresh && (known?.nodeId !== nodeId || known.permissions !== fresh)) setKnown({ nodeId, permissions: fresh });
  return fresh ?? (known?.nodeId === nodeId ? known.permissions : undefined);
}
