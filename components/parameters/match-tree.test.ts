import { describe, expect, it } from 'vitest';
import { ancestorPaths, buildMatchTree } from './match-tree';

describe('buildMatchTree', () => {
  it('lists the paths a name sits in', () => {
    expect(ancestorPaths('/a/b/c')).toEqual(['/a', '/a/b']);
    expect(ancestorPaths('/top')).toEqual([]);
    expect(ancestorPaths('flat')).toEqual([]);
  });

  it('builds only the paths that lead to matches, counting matches below each', () => {
    expect(buildMatchTree(['/e2e/db/password', '/e2e/db/user', '/e2e/app/url', '/prod/x', 'flat', '/top'])).toEqual([
      {
        path: '/e2e',
        matchCount: 3,
        children: [
          { path: '/e2e/app', matchCount: 1, children: [] },
          { path: '/e2e/db', matchCount: 2, children: [] },
        ],
      },
      { path: '/prod', matchCount: 1, children: [] },
    ]);
  });
});
