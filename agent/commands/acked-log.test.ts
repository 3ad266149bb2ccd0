import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACKED_MAX_AGE_MS, ACKED_MAX_IDS, AckedLog } from './acked-log';
import { removeTempDirs, tempDir } from './testing';

afterEach(removeTempDirs);

describe('AckedLog', () => {
  it('remembers acknowledged ids across restarts', () => {
    const file = path.join(tempDir('acked'), 'acked.log');
    const id = randomUUID();
    new AckedLog(file).add(id);
    expect(new AckedLog(file).has(id)).toBe(true);
    expect(new AckedLog(file).has(randomUUID())).toBe(false);
  });

  it('keeps the most recent ids only, and none older than 14 days', () => {
    const file = path.join(tempDir('acked'), 'acked.log');
    const now = Date.now();
    const old = randomUUID();
    const ids = Array.from({ length: ACKED_MAX_IDS + 50 }, () => randomUUID());
    fs.writeFileSync(file, [`${old} ${now - ACKED_MAX_AGE_MS - 1}`, ...ids.map((id) => `${id} ${now}`), 'garbage line'].join('\n'));
    const log = new AckedLog(file, () => now);
    expect(log.size).toBe(ACKED_MAX_IDS);
    expect(log.has(old)).toBe(false);
    expect(log.has(ids[0]!)).toBe(false);
    expect(log.has(ids.at(-1)!)).toBe(true);
    // Compacted on load.
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(ACKED_MAX_IDS);
  });
});
