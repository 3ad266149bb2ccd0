import { describe, expect, it } from 'vitest';
import { describeDuration, explainNode } from './diagnosis';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const node = {
  id: 'mi-0123456789abcdef0',
  pingStatus: 'ConnectionLost' as const,
  lastPingAt: new Date(NOW - 7 * 60_000),
  registeredAt: new Date(NOW - 86_400_000),
  deregisteredAt: null,
  agentVersion: '0.1.0',
};

describe('node diagnosis in words', () => {
  it('says when the last heartbeat was and why the connection was lost', () => {
    const [finding] = explainNode(node, { latestEvent: { pingStatus: 'ConnectionLost', reason: 'no heartbeat for 15 s', at: new Date(NOW - 6 * 60_000) }, stored: {} }, NOW);
    expect(finding).toEqual({
      code: 'ConnectionLost',
      severity: 'error',
      message: expect.stringMatching(/^Last heartbeat 7 minutes ago, at 2026-03-01 11:53:00 UTC; the connection was lost \(no heartbeat for 15 s\)\./),
    });
  });

  it('says a node never connected since its registration', () => {
    const [finding] = explainNode({ ...node, lastPingAt: null }, { stored: {} }, NOW);
    expect(finding?.message).toMatch(/^The agent has never connected since the node was registered on 2026-02-28 12:00:00 UTC \(24 hours ago\)/);
  });

  it('names who deregistered the node and when', () => {
    const at = new Date(NOW - 3 * 60_000);
    const [finding] = explainNode({ ...node, pingStatus: 'Inactive', deregisteredAt: at }, { deregistration: { reason: 'deregistered by alice', at }, stored: {} }, NOW);
    expect(finding).toMatchObject({ code: 'Deregistered', message: expect.stringMatching(/^The node was deregistered by alice on 2026-03-01 11:57:00 UTC \(3 minutes ago\): its credentials were revoked/) });
  });

  it('flags clock skew by size and direction, and ignores jitter', () => {
    const skew = (skewMs: number) => explainNode({ ...node, pingStatus: 'Online' }, { stored: { clock: { skewMs, measuredAt: new Date(NOW).toISOString() } } }, NOW);
    expect(skew(1_500)).toEqual([]);
    expect(skew(-45_000)[0]).toMatchObject({ code: 'ClockSkew', severity: 'warning', message: expect.stringContaining("clock was 45 s behind the server's") });
    expect(skew(10 * 60_000)[0]).toMatchObject({ code: 'ClockSkew', severity: 'error', message: expect.stringContaining('10 minutes ahead of') });
  });

  it('flags an agent older than the newest in the fleet, comparing versions as numbers', () => {
    const outdated = (newestAgentVersion: string) => explainNode({ ...node, pingStatus: 'Online', agentVersion: '0.9.0' }, { stored: {}, newestAgentVersion }, NOW);
    expect(outdated('0.10.0')[0]).toMatchObject({ code: 'AgentOutdated', message: 'Its agent 0.9.0 is older than 0.10.0, the newest version in the fleet; update it.' });
    expect(outdated('0.9.0')).toEqual([]);
  });

  it('repeats what the agent\'s own diagnose found failing', () => {
    const findings = explainNode(
      { ...node, pingStatus: 'Online' },
      {
        stored: { report: { ranAt: new Date(NOW).toISOString(), agentVersion: '0.1.0', computerName: 'web-1', serverUrl: 'https://opsdeck', clockSkewMs: null, checks: [{ name: 'tls', status: 'fail', summary: "the server's certificate is not trusted" }] } },
        agentReportAt: new Date(NOW - 120_000),
      },
      NOW,
    );
    expect(findings).toEqual([{ code: 'AgentReportFailures', severity: 'error', message: "The agent's own diagnosis (2 minutes ago) failed: tls: the server's certificate is not trusted." }]);
  });

  it('words durations', () => {
    expect([describeDuration(59_000), describeDuration(60_000), describeDuration(3 * 3600_000), describeDuration(3 * 86_400_000)]).toEqual(['59 s', '1 minute', '3 hours', '3 days']);
  });
});
