import fs from 'node:fs/promises';
import os from 'node:os';
import type { InventoryItem } from '../protocol';
import type { CollectorContext } from './context';
import { inventoryItem } from './item';

/** `nameserver` lines of resolv.conf. */
export function parseResolvConf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => /^\s*nameserver\s+(\S+)/.exec(line)?.[1])
    .filter((server): server is string => server !== undefined);
}

/** Default gateways per interface from /proc/net/route (addresses in little-endian hex). */
export function parseRouteTable(text: string): Map<string, string> {
  const gateways = new Map<string, string>();
  for (const line of text.split('\n').slice(1)) {
    const [iface, destination, gateway] = line.trim().split(/\s+/);
    if (!iface || destination !== '00000000' || !gateway || gateway === '00000000' || gateways.has(iface)) continue;
    const bytes = gateway.match(/../g)?.map((byte) => parseInt(byte, 16)).reverse();
    if (bytes?.length === 4) gateways.set(iface, bytes.join('.'));
  }
  return gateways;
}

/** AWS:Network: one record per interface with an address (the loopback is left out, as AWS does). */
export async function collectNetwork(ctx: CollectorContext): Promise<InventoryItem[]> {
  const [resolv, routes] = await Promise.all([
    fs.readFile('/etc/resolv.conf', 'utf8').catch(() => ''),
    fs.readFile('/proc/net/route', 'utf8').catch(() => ''),
  ]);
  const dns = parseResolvConf(resolv).join(',');
  const gateways = parseRouteTable(routes);
  const records = Object.entries(os.networkInterfaces()).flatMap(([name, addresses = []]) => {
    if (addresses.length === 0 || addresses.every((address) => address.internal)) return [];
    const ipv4 = addresses.filter((address) => address.family === 'IPv4');
    const ipv6 = addresses.filter((address) => address.family === 'IPv6');
    return [
      {
        Name: name,
        SubnetMask: ipv4.map((address) => address.netmask).join(','),
        Gateway: gateways.get(name) ?? '',
        DHCPServer: '',
        DNSServer: dns,
        MacAddress: addresses[0]?.mac ?? '',
        IPV4: ipv4.map((address) => address.address).join(','),
        IPV6: ipv6.map((address) => address.address).join(','),
      },
    ];
  });
  return [inventoryItem('AWS:Network', records, ctx.capturedAt)];
}
