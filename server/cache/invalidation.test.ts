import { describe, expect, it } from 'vitest';
import { ALL, InvalidatingCache, invalidateHere } from './invalidation';

let topicCount = 0;
const newTopic = () => `test-topic-${(topicCount += 1)}`;

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('InvalidatingCache (what the identity caches rely on)', () => {
  it('loads once, then answers from memory, also through peek', async () => {
    const cache = new InvalidatingCache<string>(newTopic(), { max: 10, ttlMs: 60_000 });
    let loads = 0;
    const load = async () => `value-${(loads += 1)}`;
    expect(cache.peek('a')).toBeUndefined();
    expect(await cache.get('a', load)).toBe('value-1');
    expect(await cache.get('a', load)).toBe('value-1');
    expect(cache.peek('a')).toBe('value-1');
    expect(loads).toBe(1);
  });

  it('drops an entry, or all of them, when its topic is invalidated on this replica', async () => {
    const topic = newTopic();
    const cache = new InvalidatingCache<string>(topic, { max: 10, ttlMs: 60_000 });
    await cache.get('a', async () => 'old-a');
    await cache.get('b', async () => 'old-b');
    invalidateHere(topic, ['a']);
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('b')).toBe('old-b');
    invalidateHere(topic, [ALL]);
    expect(cache.peek('b')).toBeUndefined();
    expect(await cache.get('a', async () => 'new-a')).toBe('new-a');
  });

  it('does not keep a failed load: an unknown key is looked up again next time', async () => {
    const cache = new InvalidatingCache<string>(newTopic(), { max: 10, ttlMs: 60_000 });
    await expect(cache.get('missing', async () => Promise.reject(new Error('no such key')))).rejects.toThrow('no such key');
    expect(cache.peek('missing')).toBeUndefined();
    expect(await cache.get('missing', async () => 'created since')).toBe('created since');
  });

  it('shares one load between concurrent misses', async () => {
    const cache = new InvalidatingCache<string>(newTopic(), { max: 10, ttlMs: 60_000 });
    const pending = deferred<string>();
    let loads = 0;
    const load = () => ((loads += 1), pending.promise);
    const first = cache.get('a', load);
    const second = cache.get('a', load);
    pending.resolve('shared');
    expect(await Promise.all([first, second])).toEqual(['shared', 'shared']);
    expect(loads).toBe(1);
  });

  it('does not keep a value loaded before an invalidation that arrived during the load', async () => {
    const topic = newTopic();
    const cache = new InvalidatingCache<string>(topic, { max: 10, ttlMs: 60_000 });
    const pending = deferred<string>();
    const racing = cache.get('a', () => pending.promise);
    invalidateHere(topic, ['a']); // the row changed while the old one was being read
    pending.resolve('stale');
    expect(await racing).toBe('stale'); // its caller asked before the write
    expect(cache.peek('a')).toBeUndefined(); // but nobody after it sees it
    expect(await cache.get('a', async () => 'fresh')).toBe('fresh');
  });
});
