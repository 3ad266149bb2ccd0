import { describe, expect, it } from 'vitest';
import { SeqTracker } from './seq-tracker';

describe('SeqTracker', () => {
  it('accepts chunks in order and resumes after the last one handed to the terminal', () => {
    const tracker = new SeqTracker();
    expect(tracker.resumeFrom).toBe(0);
    expect(tracker.accept(0)).toEqual({ isNew: true, missed: 0 });
    expect(tracker.accept(1)).toEqual({ isNew: true, missed: 0 });
    expect(tracker.resumeFrom).toBe(2);
  });

  it('drops chunks replayed after a re-attach that were already written', () => {
    const tracker = new SeqTracker();
    for (const seq of [0, 1, 2]) tracker.accept(seq);
    expect(tracker.accept(1)).toEqual({ isNew: false, missed: 0 });
    expect(tracker.accept(2)).toEqual({ isNew: false, missed: 0 });
    expect(tracker.accept(3)).toEqual({ isNew: true, missed: 0 });
  });

  it('counts chunks the server no longer held', () => {
    const tracker = new SeqTracker();
    tracker.accept(0);
    expect(tracker.accept(5)).toEqual({ isNew: true, missed: 4 });
    expect(tracker.resumeFrom).toBe(6);
  });

  it('starts from wherever the server starts (a reopened tab replays what it still holds)', () => {
    const tracker = new SeqTracker();
    expect(tracker.accept(40)).toEqual({ isNew: true, missed: 40 });
  });

  it('acknowledges each rendered chunk once, and never an older one after a newer', () => {
    const tracker = new SeqTracker();
    expect(tracker.markRendered(0)).toBe(true);
    expect(tracker.markRendered(0)).toBe(false);
    expect(tracker.markRendered(3)).toBe(true);
    expect(tracker.markRendered(2)).toBe(false);
    expect(tracker.lastRendered).toBe(3);
  });
});
