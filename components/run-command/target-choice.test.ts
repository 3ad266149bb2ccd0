import { describe, expect, it } from 'vitest';
import { newTagRow } from '@/components/resource-groups/tag-query-builder';
import { targetsOf, type TargetChoice } from './target-choice';

const choice = (patch: Partial<TargetChoice>): TargetChoice => ({ mode: 'nodes', nodeIds: [], tagRows: [newTagRow()], group: '', ...patch });

describe('target choice', () => {
  it('builds AWS Targets for nodes, tags and groups', () => {
    expect(targetsOf(choice({ nodeIds: ['mi-00000000000000001'] }))).toEqual({ targets: [{ Key: 'InstanceIds', Values: ['mi-00000000000000001'] }] });
    expect(targetsOf(choice({ mode: 'tags', tagRows: [newTagRow('Role', 'web, api'), newTagRow('Stage', 'blue')] }))).toEqual({
      targets: [{ Key: 'tag:Role', Values: ['web', 'api'] }, { Key: 'tag:Stage', Values: ['blue'] }],
    });
    expect(targetsOf(choice({ mode: 'group', group: 'web-prod' }))).toEqual({ targets: [{ Key: 'resource-groups:Name', Values: ['web-prod'] }] });
  });

  it('says what is missing', () => {
    expect(targetsOf(choice({}))).toEqual({ error: 'Choose at least one node.' });
    expect(targetsOf(choice({ mode: 'tags', tagRows: [newTagRow('Role', '')] }))).toEqual({ error: 'Give at least one value for the tag key Role.' });
    expect(targetsOf(choice({ mode: 'tags', tagRows: [newTagRow('Role', 'a'), newTagRow('Role', 'b')] }))).toMatchObject({ error: expect.stringContaining('two rows') });
  });
});
