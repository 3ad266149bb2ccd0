import { queryOptions, useMutation, useQueryClient, type Query } from '@tanstack/react-query';
import type { CalendarDetail as ServerCalendarDetail, CalendarSummary as ServerCalendarSummary, CreateCalendarInput, NewEventInput } from '@/server/change-calendar/service';
import type { Occurrence as ServerOccurrence } from '@/server/change-calendar/occurrences';
import { ApiError, apiFetch, type Jsonified } from '@/components/lib/api-client';

export type CalendarSummary = Jsonified<ServerCalendarSummary>;
export type CalendarDetail = Jsonified<ServerCalendarDetail>;
export type CalendarEvent = CalendarDetail['events'][number];
export type Occurrence = Jsonified<ServerOccurrence>;
export type { CreateCalendarInput, NewEventInput };

export const calendarKeys = {
  all: ['change-calendar'] as const,
  list: () => [...calendarKeys.all, 'list'] as const,
  detail: (name: string) => [...calendarKeys.all, 'detail', name] as const,
  occurrences: (name: string, from: string, to: string) => [...calendarKeys.all, 'occurrences', name, from, to] as const,
};

const calendarPath = (name: string) => `/api/change-calendar/${encodeURIComponent(name)}`;
export const calendarHref = (name: string) => `/change-calendar/${encodeURIComponent(name)}`;

/** How often a state is asked for again, at most; sooner when a transition is due. */
const STATE_REFRESH_MS = 30_000;

/**
 * States are live: each query asks again just after the earliest next transition it knows of
 * (so a badge turns at the minute it should), and every 30 seconds in any case, as events may
 * be added elsewhere.
 */
function untilNextTransition(transitions: (string | undefined)[]): number {
  const now = Date.now();
  const due = transitions.filter((time): time is string => time !== undefined).map((time) => new Date(time).getTime() - now + 1000);
  return Math.max(1000, Math.min(STATE_REFRESH_MS, ...due.filter((ms) => ms > 0)));
}

export const calendarListQuery = () =>
  queryOptions({
    queryKey: calendarKeys.list(),
    queryFn: () => apiFetch<{ calendars: CalendarSummary[] }>('/api/change-calendar'),
    refetchInterval: (query: Query<{ calendars: CalendarSummary[] }>) => untilNextTransition(query.state.data?.calendars.map((calendar) => calendar.current?.nextTransitionTime) ?? []),
  });

/** A deleted or mistyped calendar will not appear by asking again. */
const retryUnlessMissing = (failures: number, error: unknown) => !(error instanceof ApiError && ['InvalidDocument', 'InvalidDocumentType'].includes(error.code)) && failures < 1;

export const calendarQuery = (name: string) =>
  queryOptions({
    queryKey: calendarKeys.detail(name),
    queryFn: () => apiFetch<CalendarDetail>(calendarPath(name)),
    retry: retryUnlessMissing,
    refetchInterval: (query: Query<CalendarDetail>) => untilNextTransition([query.state.data?.current?.nextTransitionTime]),
  });

/** The occurrences drawn in a month view, from its first to its last visible day. */
export const occurrencesQuery = (name: string, from: string, to: string) =>
  queryOptions({
    queryKey: calendarKeys.occurrences(name, from, to),
    queryFn: () => apiFetch<{ occurrences: Occurrence[] }>(`${calendarPath(name)}/occurrences?${new URLSearchParams({ from, to })}`),
    retry: retryUnlessMissing,
  });

export function useCreateCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCalendarInput) => apiFetch<{ Name: string }>('/api/change-calendar', { method: 'POST', json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarKeys.list() }),
  });
}

/** One mutation per change to a calendar; each refreshes the calendar, its months and the list. */
function useCalendarMutation<Variables, Result>(request: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}

export const useAddEvent = (name: string) =>
  useCalendarMutation((input: NewEventInput) => apiFetch<{ eventId: string; version: string }>(`${calendarPath(name)}/events`, { method: 'POST', json: input }));

export const useRemoveEvent = (name: string) =>
  useCalendarMutation((eventId: string) => apiFetch<{ version: string }>(`${calendarPath(name)}/events/${encodeURIComponent(eventId)}`, { method: 'DELETE' }));

export const useImportIcs = (name: string) =>
  useCalendarMutation((ics: string) => apiFetch<{ added: number; replaced: number; version: string }>(`${calendarPath(name)}/import`, { method: 'POST', json: { ics } }));

export function useDeleteCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiFetch<{ name: string }>(calendarPath(name), { method: 'DELETE' }),
    onSuccess: (_, name) => {
      queryClient.removeQueries({ queryKey: calendarKeys.detail(name) });
      return queryClient.invalidateQueries({ queryKey: calendarKeys.list() });
    },
  });
}
