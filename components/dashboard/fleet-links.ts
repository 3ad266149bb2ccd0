/**
 * Drill-down links into Fleet Manager, in the URL filter contract the Fleet Manager page reads
 * (status, platform, os, osVersion, agent, agentOlderThan, region, account). A value the contract
 * cannot express (no region assigned, OS not reported) has no link rather than a wrong one.
 */
function fleetHref(params: Record<string, string>): string {
  return `/fleet?${new URLSearchParams(params)}`;
}

export const fleetLinks = {
  all: () => '/fleet',
  status: (status: string) => fleetHref({ status }),
  os: (name: string | null, version: string | null) => (name === null ? undefined : fleetHref(version === null ? { os: name } : { os: name, osVersion: version })),
  agent: (version: string | null) => (version === null ? undefined : fleetHref({ agent: version })),
  agentOlderThan: (version: string) => fleetHref({ agentOlderThan: version }),
  platform: (platform: string | null) => (platform === null ? undefined : fleetHref({ platform })),
  region: (region: string | null) => (region === null ? undefined : fleetHref({ region })),
  account: (account: string | null) => (account === null ? undefined : fleetHref({ account })),
};
