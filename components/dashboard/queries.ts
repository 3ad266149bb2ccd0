import { queryOptions } from '@tanstack/react-query';
import type { FleetDashboard } from '@/server/fleet/dashboard';
import { apiFetch, type Jsonified } from '@/components/lib/api-client';
import { nodeKeys } from '@/components/fleet/queries';

export type Dashboard = Jsonified<FleetDashboard>;

/**
 * Under nodeKeys.summary() on purpose: the console socket invalidates that key on every node
 * change, which is what makes the dashboard live without a reload.
 */
export const dashboardQuery = () =>
  queryOptions({
    queryKey: nodeKeys.summary(),
    queryFn: () => apiFetch<Dashboard>('/api/nodes/summary'),
    // Keep the last numbers on screen while a refetch runs, instead of flashing the skeleton.
    placeholderData: (previous) => previous,
  });
