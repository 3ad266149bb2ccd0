import { describe, expect, it } from 'vitest';
import { AuditBatcher, isRowLevelFailure } from './batcher';

/** A write that can be held open, to pile rows up behind it, and told to fail. */
function controllableWrite(fail?: (rows: string[]) => unknown) {
  const writes: string[][] = [];
  const releases: (() => void)[] = [];
  const write = async (rows: string[]) => {
    writes.push(rows);
    await new Promise<void>((resolve) => releases.push(resolve));
    const error = fail?.(rows);
    if (error) throw error;
  };
  const releaseAll = async () => {
    // Let queued flushes start, then let every write finish, until nothing is pending.
    for (let round = 0; round < 20; round += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.splice(0).forEach((release) => release());
    }
  };
  return { write, writes, releaseAll };
}

const settle = (promise: Promise<void>) => promise.then(() => 'ok', (error: Error) => error.message);

describe('AuditBatcher (group commit for the audit trail)', () => {
  it('writes rows that arrive together in one statement', async () => {
    const { write, writes, releaseAll } = controllableWrite();
    const batcher = new AuditBatcher(write);
    const done = Promise.all(['a', 'b', 'c'].map((row) => batcher.add(row)));
    await releaseAll();
    await done;
    expect(writes).toEqual([['a', 'b', 'c']]);
  });

  it('piles rows up behind the writes in flight and sends them as the next batch', async () => {
    const { write, writes, releaseAll } = controllableWrite();
    const batcher = new AuditBatcher(write, { maxInFlight: 1 });
    const first = batcher.add('a');
    await new Promise((resolve) => setImmediate(resolve)); // 'a' is being written
    const rest = ['b', 'c', 'd'].map((row) => batcher.add(row));
    await releaseAll();
    await Promise.all([first, ...rest]);
    expect(writes).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('resolves a caller only after the write of its row has finished', async () => {
    const { write, releaseAll } = controllableWrite();
    const batcher = new AuditBatcher(write);
    let isResolved = false;
    const added = batcher.add('a').then(() => (isResolved = true));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(isResolved).toBe(false);
    await releaseAll();
    await added;
    expect(isResolved).toBe(true);
  });

  it('caps rows per statement', async () => {
    const { write, writes, releaseAll } = controllableWrite();
    const batcher = new AuditBatcher(write, { maxRows: 2, maxInFlight: 4 });
    const done = Promise.all(['a', 'b', 'c', 'd', 'e'].map((row) => batcher.add(row)));
    await releaseAll();
    await done;
    expect(writes).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('rejects every waiting caller when the database fails as a whole, without retrying row by row', async () => {
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), { code: '08006' });
    const { write, writes, releaseAll } = controllableWrite(() => lost);
    const batcher = new AuditBatcher(write);
    const outcomes = Promise.all(['a', 'b', 'c'].map((row) => settle(batcher.add(row))));
    await releaseAll();
    expect(await outcomes).toEqual(['Connection terminated unexpectedly', 'Connection terminated unexpectedly', 'Connection terminated unexpectedly']);
    expect(writes).toEqual([['a', 'b', 'c']]);
  });

  it('rejects every caller on an error that is not from PostgreSQL', async () => {
    const { write, releaseAll } = controllableWrite(() => new Error('pool is closed'));
    const batcher = new AuditBatcher(write);
    const outcomes = Promise.all(['a', 'b'].map((row) => settle(batcher.add(row))));
    await releaseAll();
    expect(await outcomes).toEqual(['pool is closed', 'pool is closed']);
  });

  it('retries the rows of a refused batch one by one, so one bad row fails only its own caller', async () => {
    const refused = Object.assign(new Error('invalid input'), { code: '22P02' });
    const { write, writes, releaseAll } = controllableWrite((rows) => (rows.includes('bad') ? refused : undefined));
    const batcher = new AuditBatcher(write);
    const outcomes = Promise.all(['a', 'bad', 'c'].map((row) => settle(batcher.add(row))));
    await releaseAll();
    expect(await outcomes).toEqual(['ok', 'invalid input', 'ok']);
    expect(writes).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('keeps going after a failure', async () => {
    let shouldFail = true;
    const { write, releaseAll } = controllableWrite(() => (shouldFail ? new Error('down') : undefined));
    const batcher = new AuditBatcher(write);
    const failed = settle(batcher.add('a'));
    await releaseAll();
    expect(await failed).toBe('down');
    shouldFail = false;
    const next = settle(batcher.add('b'));
    await releaseAll();
    expect(await next).toBe('ok');
  });
});

describe('isRowLevelFailure', () => {
  it.each([
    ['22P05', true], // untranslatable character
    ['23514', true], // check violation
    ['P0001', true], // raised by a trigger
    ['08006', false], // connection failure
    ['57P01', false], // admin shutdown
    ['53100', false], // disk full
    ['XX000', false], // internal error
    [undefined, false],
    ['ECONNREFUSED', false],
    ['EPIPE', false],
  ])('%s -> %s', (code, expected) => {
    expect(isRowLevelFailure(Object.assign(new Error('x'), { code }))).toBe(expected);
  });
});
