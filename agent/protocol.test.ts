import { describe, expect, it } from 'vitest';
import { agentAuthSchema, nodeIdSchema, registerRequestSchema, tagsSchema } from './protocol';
import { collectMetadata } from './metadata';

describe('node ids', () => {
  it('accepts only mi- followed by 17 lowercase hex characters', () => {
    expect(nodeIdSchema.safeParse('mi-0123456789abcdef0').success).toBe(true);
    for (const bad of ['mi-0123456789abcdef', 'i-0123456789abcdef0', 'mi-0123456789ABCDEF0', "mi-0123456789abcdef0' OR 1=1"]) {
      expect(nodeIdSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('tags', () => {
  it('accepts AWS tag characters', () => {
    expect(tagsSchema.parse({ Environment: 'dev', 'team:owner': 'ops@example.com', 'cost center': 'a/b+c=d' })).toBeTruthy();
  });

  it('refuses shell metacharacters, which later reach command targets and filters', () => {
    for (const tags of [{ Env: '$(reboot)' }, { 'a;b': 'x' }, { Env: 'dev`id`' }, { Env: 'a|b' }]) {
      expect(tagsSchema.safeParse(tags).success, JSON.stringify(tags)).toBe(false);
    }
  });

  it('refuses more than 50 tags', () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(tagsSchema.safeParse(many).error?.issues[0]?.message).toBe('a resource may have at most 50 tags');
  });
});

describe('registration and handshake payloads', () => {
  it('says which field is wrong', () => {
    const result = registerRequestSchema.safeParse({ activationId: 'nope', activationCode: '', metadata: collectMetadata() });
    const messages = result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(messages).toContain('activationId: the activation id is a UUID like 8c1b5e0a-...');
    expect(messages).toContain('activationCode: the activation code is required');
  });

  it('refuses a handshake without a secret', () => {
    expect(agentAuthSchema.safeParse({ nodeId: 'mi-0123456789abcdef0', metadata: collectMetadata() }).success).toBe(false);
  });
});
