import { describe, expect, it } from 'vitest';
import { timeAgo } from './format';

describe('timeAgo', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it.each([
    [null, 'never'],
    ['2026-01-01T11:59:50Z', '10 seconds ago'],
    ['2026-01-01T11:55:00Z', '5 minutes ago'],
    ['2026-01-01T09:00:00Z', '3 hours ago'],
    ['2025-12-30T12:00:00Z', '2 days ago'],
    // Rounded before the unit is chosen: not '60 minutes ago' or '24 hours ago'.
    ['2026-01-01T11:00:20Z', '1 hour ago'],
    ['2025-12-31T12:10:00Z', 'yesterday'],
  ])('%s → %s', (iso, expected) => {
    expect(timeAgo(iso, now)).toBe(expected);
  });
});
