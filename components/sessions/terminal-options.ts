import type { ITerminalOptions } from '@xterm/xterm';

/** One look for the live terminal and the player, so a replay looks like the session did. */
export const TERMINAL_OPTIONS: ITerminalOptions = {
  // Unicode 11 widths (emoji, CJK) are a proposed API in xterm.
  allowProposedApi: true,
  cursorBlink: true,
  fontFamily: '"JetBrains Mono", "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace',
  fontSize: 13,
  lineHeight: 1.15,
  scrollback: 10_000,
  theme: {
    background: '#0b1220',
    foreground: '#dbe4f0',
    cursor: '#7dd3fc',
    cursorAccent: '#0b1220',
    selectionBackground: '#33507a',
    black: '#1e293b',
    red: '#f87171',
    green: '#4ade80',
    yellow: '#facc15',
    blue: '#60a5fa',
    magenta: '#c084fc',
    cyan: '#22d3ee',
    white: '#e2e8f0',
    brightBlack: '#64748b',
    brightRed: '#fca5a5',
    brightGreen: '#86efac',
    brightYellow: '#fde047',
    brightBlue: '#93c5fd',
    brightMagenta: '#d8b4fe',
    brightCyan: '#67e8f9',
    brightWhite: '#f8fafc',
  },
};

/** Search highlights (the search addon wants #RRGGBB colours). */
export const SEARCH_DECORATIONS = {
  matchBackground: '#854d0e',
  matchOverviewRuler: '#facc15',
  activeMatchBackground: '#ca8a04',
  activeMatchColorOverviewRuler: '#fde047',
};
