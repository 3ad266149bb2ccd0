import { parseResize, type CastEvent } from './asciicast';

/** How many events happened at or before `time`: events [0, count) are on screen at `time`. */
export function eventCountAt(events: CastEvent[], time: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (events[middle]!.time <= time) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface SeekPlan {
  /** Start from a clear terminal: a terminal cannot un-draw, so going back replays from the start. */
  isReset: boolean;
  /** Play events [from, to). */
  from: number;
  to: number;
}

/** From a screen showing the first `shown` events to one showing everything up to `time`. */
export function planSeek(events: CastEvent[], shown: number, time: number): SeekPlan {
  const to = eventCountAt(events, time);
  return to >= shown ? { isReset: false, from: shown, to } : { isReset: true, from: 0, to };
}

export type PlaybackStep = { kind: 'write'; data: string } | { kind: 'resize'; cols: number; rows: number };

/**
 * What to do to the terminal for events [from, to): output joined into as few writes as possible
 * (one write of a minute of output renders far faster than thousands of small ones), split only
 * where the terminal was resized, so each part is drawn at the size it was drawn at live. Input
 * events are left out: the shell's echo is already in the output.
 */
export function stepsFor(events: CastEvent[], from: number, to: number): PlaybackStep[] {
  const steps: PlaybackStep[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length > 0) steps.push({ kind: 'write', data: pending.join('') });
    pending = [];
  };
  for (let index = from; index < Math.min(to, events.length); index += 1) {
    const event = events[index]!;
    if (event.code === 'o') pending.push(event.data);
    else if (event.code === 'r') {
      const size = parseResize(event.data);
      if (!size) continue;
      flush();
      steps.push({ kind: 'resize', ...size });
    }
  }
  flush();
  return steps;
}

export const PLAYBACK_SPEEDS = [0.5, 1, 2, 4, 8] as const;

/** "0:07", "12:30", "1:02:03": a player's clock, whole seconds. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

/** The `?t=` of a player link: seconds, never negative, or 0 when absent or not a number. */
export function parseStartTime(value: string | null): number {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
}
