'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { Terminal } from '@xterm/xterm';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import type { Cast } from './asciicast';
import { planSeek, stepsFor } from './playback';
import { SEARCH_DECORATIONS, TERMINAL_OPTIONS } from './terminal-options';

/** The clock shown under the player moves this often; the screen itself follows every frame. */
const CLOCK_TICK_MS = 100;
const BASE_FONT_SIZE = TERMINAL_OPTIONS.fontSize ?? 13;
const MIN_FONT_SIZE = 8;

const writeAndWait = (term: Terminal, data: string) => new Promise<void>((resolve) => term.write(data, resolve));

/**
 * Shrinks the font until the recorded width fits the box: a recording keeps the columns it was
 * made with (reflowing would break `top` and `vim`), so the player scales instead.
 */
function fitFont(term: Terminal, box: HTMLElement): void {
  const screen = term.element?.querySelector<HTMLElement>('.xterm-screen');
  if (!screen || box.clientWidth === 0) return;
  const current = term.options.fontSize ?? BASE_FONT_SIZE;
  const width = screen.offsetWidth;
  if (width === 0) return;
  const wanted = Math.max(MIN_FONT_SIZE, Math.min(BASE_FONT_SIZE, Math.floor((current * (box.clientWidth - 16)) / width)));
  if (wanted !== current) term.options.fontSize = wanted;
}

/**
 * Plays a recording into an xterm (so full-screen programs replay as they looked): a clock that
 * runs at the chosen speed, and a screen that shows every event up to the clock. Seeking forward
 * writes the events in between; seeking back starts again from a clear screen. Only one redraw
 * runs at a time, and it always heads for the latest time asked, so dragging the seek bar does
 * not queue a redraw per pixel.
 */
export function usePlayer(containerRef: RefObject<HTMLDivElement | null>, cast: Cast, startAt: number) {
  const [time, setTime] = useState(() => Math.min(startAt, cast.duration));
  const [isPlaying, setIsPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const termRef = useRef<Terminal | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  const timeRef = useRef(time);
  const shownRef = useRef(0);
  const isDrawingRef = useRef(false);
  const drawnWaitersRef = useRef<(() => void)[]>([]);

  const draw = useCallback(async () => {
    const term = termRef.current;
    if (!term || isDrawingRef.current) return;
    isDrawingRef.current = true;
    for (;;) {
      const target = timeRef.current;
      const plan = planSeek(cast.events, shownRef.current, target);
      if (!plan.isReset && plan.from === plan.to) break;
      // Safe here: every earlier write has been parsed (awaited), so nothing queued is lost.
      if (plan.isReset) {
        term.reset();
        term.resize(cast.header.width, cast.header.height);
      }
      for (const step of stepsFor(cast.events, plan.from, plan.to)) {
        if (termRef.current !== term) return;
        if (step.kind === 'write') await writeAndWait(term, step.data);
        else term.resize(step.cols, step.rows);
      }
      shownRef.current = plan.to;
    }
    isDrawingRef.current = false;
    for (const resolve of drawnWaitersRef.current.splice(0)) resolve();
  }, [cast]);

  /** Moves the clock (and the screen) to `seconds`; resolves once the screen shows it. */
  const seek = useCallback(
    (seconds: number) => {
      const clamped = Math.max(0, Math.min(cast.duration, seconds));
      timeRef.current = clamped;
      setTime(clamped);
      const drawn = new Promise<void>((resolve) => drawnWaitersRef.current.push(resolve));
      void draw();
      return drawn;
    },
    [cast, draw],
  );

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const term = new Terminal({ ...TERMINAL_OPTIONS, cols: cast.header.width, rows: cast.header.height, cursorBlink: false, disableStdin: true, scrollback: 5_000 });
    const search = new SearchAddon();
    term.loadAddon(search);
    term.loadAddon(new WebLinksAddon());
    term.loadAddon(new Unicode11Addon());
    term.unicode.activeVersion = '11';
    term.open(container);
    fitFont(term, container);
    termRef.current = term;
    searchRef.current = search;
    shownRef.current = 0;
    void draw();
    const observer = new ResizeObserver(() => fitFont(term, container));
    observer.observe(container);
    const resized = term.onResize(() => fitFont(term, container));
    return () => {
      observer.disconnect();
      resized.dispose();
      termRef.current = null;
      searchRef.current = null;
      isDrawingRef.current = false;
      term.dispose();
    };
  }, [containerRef, cast, draw]);

  // The clock: wall time times speed, from where it was when play was pressed.
  useEffect(() => {
    if (!isPlaying) return;
    let frame = 0;
    let last = performance.now();
    let lastTick = 0;
    const advance = (now: number) => {
      const next = Math.min(cast.duration, timeRef.current + ((now - last) / 1000) * speed);
      last = now;
      timeRef.current = next;
      void draw();
      if (now - lastTick >= CLOCK_TICK_MS || next >= cast.duration) {
        lastTick = now;
        setTime(next);
      }
      if (next >= cast.duration) setIsPlaying(false);
      else frame = requestAnimationFrame(advance);
    };
    frame = requestAnimationFrame(advance);
    return () => cancelAnimationFrame(frame);
  }, [isPlaying, speed, cast, draw]);

  const togglePlay = () => {
    // Play at the end starts over, as video players do.
    if (!isPlaying && timeRef.current >= cast.duration) void seek(0);
    setIsPlaying((playing) => !playing);
  };

  /** Shows `seconds` and marks the last `text` on screen (the match that just appeared). */
  const showMatch = useCallback(
    async (seconds: number, text: string) => {
      setIsPlaying(false);
      await seek(seconds);
      searchRef.current?.clearDecorations();
      searchRef.current?.findPrevious(text, { decorations: SEARCH_DECORATIONS });
    },
    [seek],
  );

  return { time, isPlaying, speed, setSpeed, seek, togglePlay, showMatch };
}
