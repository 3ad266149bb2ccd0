import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionStatus } from '@/server/sessions/console-contract';
import type { SessionView as ServerSessionView } from '@/server/sessions/service';
import type { SessionPreferences } from '@/server/sessions/preferences';
import { ApiError, apiFetch, type Jsonified } from '@/components/lib/api-client';

export type { SessionStatus };
export type SessionState = 'Active' | 'History';

/** One row of GET /api/sessions (AWS's Session, plus what this caller may do to it). */
export type SessionView = Jsonified<ServerSessionView>;
export type { SessionPreferences };

export interface SessionListFilters {
  state: SessionState;
  target: string;
  owner: string;
  /** Where this page starts (DescribeSessions' NextToken); absent for the first page. */
  nextToken?: string;
}

export interface RecordingSearchResult {
  sessionId: string;
  target: string;
  owner: string;
  startDate: string;
  matches: { time: number; text: string }[];
}

export const sessionKeys = {
  all: ['sessions'] as const,
  lists: () => [...sessionKeys.all, 'list'] as const,
  list: (filters: SessionListFilters) => [...sessionKeys.lists(), filters] as const,
  detail: (sessionId: string) => [...sessionKeys.all, 'detail', sessionId] as const,
  recording: (sessionId: string) => [...sessionKeys.all, 'recording', sessionId] as const,
  search: (query: string) => [...sessionKeys.all, 'search', query] as const,
  preferences: () => [...sessionKeys.all, 'preferences'] as const,
};

const sessionPath = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`;
export const sessionHref = (sessionId: string) => `/sessions/${encodeURIComponent(sessionId)}`;
export const startSessionHref = (target: string) => `/sessions/start?${new URLSearchParams({ target })}`;
/** The player; at `time` seconds, with `query` searched in the transcript, when given. */
export function recordingHref(sessionId: string, time?: number, query?: string): string {
  const params = new URLSearchParams();
  if (time) params.set('t', time.toFixed(2));
  if (query) params.set('q', query);
  return `${sessionHref(sessionId)}/recording${params.size > 0 ? `?${params}` : ''}`;
}
export const recordingDownloadHref = (sessionId: string) => `${sessionPath(sessionId)}/recording?download=1`;
export const sessionFileUrl = (sessionId: string, remotePath: string) => `${sessionPath(sessionId)}/files?${new URLSearchParams({ path: remotePath })}`;

/** Active sessions change by themselves (a shell exits, an idle timeout fires): poll while shown. */
const ACTIVE_REFRESH_MS = 5_000;

export const sessionListQuery = (filters: SessionListFilters) =>
  queryOptions({
    queryKey: sessionKeys.list(filters),
    queryFn: () => {
      const params = new URLSearchParams({ state: filters.state });
      if (filters.target.trim()) params.set('target', filters.target.trim());
      if (filters.owner.trim()) params.set('owner', filters.owner.trim());
      if (filters.nextToken) params.set('nextToken', filters.nextToken);
      return apiFetch<{ sessions: SessionView[]; nextToken?: string }>(`/api/sessions?${params}`);
    },
    placeholderData: keepPreviousData,
    refetchInterval: filters.state === 'Active' ? ACTIVE_REFRESH_MS : false,
  });

export const sessionQuery = (sessionId: string) =>
  queryOptions({
    queryKey: sessionKeys.detail(sessionId),
    queryFn: () => apiFetch<SessionView>(sessionPath(sessionId)),
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
  });

/** The recording as text: asciicast v2 is JSON lines, not one JSON document, so not apiFetch. */
export const recordingQuery = (sessionId: string) =>
  queryOptions({
    queryKey: sessionKeys.recording(sessionId),
    queryFn: async () => {
      const response = await fetch(`${sessionPath(sessionId)}/recording`);
      if (!response.ok) throw await errorOf(response);
      return response.text();
    },
    // Every read of a recording is audited; a finished one does not change.
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
  });

export const recordingSearchQuery = (query: string) =>
  queryOptions({
    queryKey: sessionKeys.search(query),
    queryFn: () => apiFetch<{ results: RecordingSearchResult[] }>(`/api/sessions/search?${new URLSearchParams({ q: query })}`),
    enabled: query.trim().length > 0,
    placeholderData: keepPreviousData,
  });

export const sessionPreferencesQuery = () =>
  queryOptions({ queryKey: sessionKeys.preferences(), queryFn: () => apiFetch<SessionPreferences>('/api/sessions/preferences') });

/** An API failure in the server's own words, from a response that is not the JSON we asked for. */
export async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as { __type?: string; message?: string };
  return new ApiError(body.__type ?? 'Error', body.message ?? `request failed (${response.status} ${response.statusText})`.trim(), response.status);
}

export function useTerminateSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => apiFetch<{ ok: true }>(`${sessionPath(sessionId)}/terminate`, { method: 'POST' }),
    onSuccess: (_answer, sessionId) =>
      Promise.all([queryClient.invalidateQueries({ queryKey: sessionKeys.lists() }), queryClient.invalidateQueries({ queryKey: sessionKeys.detail(sessionId) })]),
  });
}

export function useUpdateSessionPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (preferences: SessionPreferences) => apiFetch<SessionPreferences>('/api/sessions/preferences', { method: 'PUT', json: preferences }),
    onSuccess: (saved) => queryClient.setQueryData(sessionKeys.preferences(), saved),
  });
}
