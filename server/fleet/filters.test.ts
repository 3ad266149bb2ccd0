import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { describeZodError } from '@/server/http/route';
import { fleetHref, fleetSearchParams, parseCidr, parseFleetQuery, versionKey, columnsSchema, DEFAULT_COLUMN_IDS } from './filters';

const errorOf = (search: string) => {
  try {
    parseFleetQuery(new URLSearchParams(search));
  } catch (error) {
    if (error instanceof ZodError) return describeZodError(error);
    throw error;
  }
  throw new Error(`'${search}' was accepted`);
};

describe('parseFleetQuery', () => {
  it('reads every filter of the contract', () => {
    const query = parseFleetQuery(
      new URLSearchParams(
        'q=web&status=Online,ConnectionLost&platform=Linux&os=Ubuntu&osVersion=22.04,24.04&agent=1.2.0&agentOlderThan=1.10&region=eu-west-1&account=123456789012' +
          '&tag=Environment%3Dprod&tag=Team%3D&group=web-servers&cidr=10.0.0.0/8&seenBefore=2025-01-31T12:00:00Z&seenAfter=2025-01-01&sort=lastPingDateTime&order=desc&page=2&pageSize=100',
      ),
    );
    expect(query).toEqual({
      q: 'web',
      status: ['Online', 'ConnectionLost'],
      platform: ['Linux'],
      os: ['Ubuntu'],
      osVersion: ['22.04', '24.04'],
      agent: ['1.2.0'],
      agentOlderThan: '1.10',
      region: ['eu-west-1'],
      account: ['123456789012'],
      tag: [{ key: 'Environment', values: ['prod'] }, { key: 'Team', values: [] }],
      group: 'web-servers',
      cidr: '10.0.0.0/8',
      seenBefore: '2025-01-31T12:00:00Z',
      seenAfter: '2025-01-01',
      sort: 'lastPingDateTime',
      order: 'desc',
      page: 2,
      pageSize: 100,
    });
  });

  it('gives defaults, drops empty values and normalises the case of enumerations', () => {
    expect(parseFleetQuery(new URLSearchParams('status=online&os=&q='))).toEqual({ status: ['Online'], sort: 'name', order: 'asc', page: 1, pageSize: 50 });
    // Repeated list parameters add up; tags may repeat by design.
    expect(parseFleetQuery({ status: ['Online', 'Inactive'] }).status).toEqual(['Online', 'Inactive']);
  });

  it('names the parameter and the problem', () => {
    expect(errorOf('cidr=10.0.0/8')).toBe("cidr: '10.0.0/8' is not a CIDR block (like 10.0.0.0/8 or fd00::/16)");
    expect(errorOf('status=Sleeping')).toBe("status: 'Sleeping' is not a ping status; use Online, ConnectionLost, Inactive");
    expect(errorOf('seenBefore=yesterday')).toBe("seenBefore: 'yesterday' is not an ISO timestamp like 2025-01-31T12:00:00Z");
    expect(errorOf('seenAfter=2025-01-31T10:00')).toBe("seenAfter: '2025-01-31T10:00' has no time zone; add Z or an offset, e.g. 2025-01-31T10:00Z");
    expect(errorOf('agentOlderThan=latest')).toBe("agentOlderThan: 'latest' is not a version like 3.2.1");
    expect(errorOf('tag=Environment')).toBe(`tag: 'Environment' is not key=value (write 'Environment=' for "has the key")`);
    expect(errorOf('sort=ip')).toContain("sort: 'ip' is not a sort column");
    expect(errorOf('pageSize=5000')).toBe('pageSize: the page size is at most 1000');
    expect(errorOf('stauts=Online')).toContain('stauts: not a Fleet Manager filter');
    expect(errorOf('q=a&q=b')).toBe('q: give this parameter once');
  });
});

describe('canonical form', () => {
  it('writes filters in contract order and leaves out defaults', () => {
    const query = parseFleetQuery(new URLSearchParams('tag=Environment%3Dprod&os=Ubuntu&status=ConnectionLost&page=1&sort=name'));
    expect(fleetSearchParams(query).toString()).toBe('status=ConnectionLost&os=Ubuntu&tag=Environment%3Dprod');
    expect(fleetHref({ status: ['ConnectionLost'], sort: 'region', order: 'desc' })).toBe('/fleet?status=ConnectionLost&sort=region&order=desc');
    expect(fleetHref({})).toBe('/fleet');
  });

  it('round-trips', () => {
    const search = 'q=db&status=Online&agentOlderThan=1.10.0&tag=Team%3D&tag=Role%3Dweb&cidr=fd00%3A%3A%2F16&seenAfter=2025-01-01T00%3A00%3A00Z&sort=agentVersion&order=desc&page=3&pageSize=250';
    expect(fleetSearchParams(parseFleetQuery(new URLSearchParams(search))).toString()).toBe(search);
  });
});

describe('parseCidr and versionKey', () => {
  it('accepts IPv4 and IPv6 blocks and bare addresses', () => {
    expect(parseCidr('10.0.0.0/8')).toMatchObject({ family: 4, prefix: 8, octets: [10, 0, 0, 0] });
    expect(parseCidr('192.168.1.7')).toMatchObject({ family: 4, prefix: 32 });
    expect(parseCidr('fd00::/16')).toMatchObject({ family: 6, prefix: 16 });
    expect(parseCidr('::ffff:10.0.0.1/128')).toMatchObject({ family: 6, prefix: 128 });
    expect(parseCidr('2001:db8:0:0:0:0:0:1')).toMatchObject({ family: 6, prefix: 128 });
  });

  it('refuses what is not a block', () => {
    for (const bad of ['10.0.0/8', '10.0.0.256/8', '10.0.0.0/33', '10.0.0.0/', 'fd00::/129', '1::2::3', 'fd00:/16', 'web', '010.0.0.1', '']) {
      expect(parseCidr(bad), bad).toBeNull();
    }
  });

  it('compares versions by their numbers', () => {
    expect(versionKey('1.10')).toEqual([1, 10, 0, 0]);
    expect(versionKey('3.2.1.7')).toEqual([3, 2, 1, 7]);
    expect(versionKey('3.2.1-beta')).toBeNull();
  });
});

describe('columns', () => {
  it('defaults to the default set and refuses unknown columns', () => {
    expect(columnsSchema.parse(undefined)).toEqual(DEFAULT_COLUMN_IDS);
    expect(columnsSchema.parse('name,nodeId,name')).toEqual(['name', 'nodeId']);
    expect(() => columnsSchema.parse('name,secret')).toThrow("'secret' is not a column");
  });
});
