import fs from 'node:fs';
import os from 'node:os';
import type { NodeMetadata } from './protocol';

export const AGENT_VERSION = '0.1.0';

/** Parses /etc/os-release (KEY="value" lines) as systemd documents it. */
export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match) continue;
    fields[match[1]!] = match[2]!.replace(/^(["'])(.*)\1$/, '$2').replace(/\\(["\\$`])/g, '$1');
  }
  return fields;
}

function readOsRelease(): Record<string, string> {
  for (const file of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      return parseOsRelease(fs.readFileSync(file, 'utf8'));
    } catch {
      // try the next location
    }
  }
  return {};
}

/** The kernel's boot time from /proc/stat's btime; undefined where there is none (macOS). */
export function bootTime(procStat: string): number | undefined {
  const match = /^btime (\d+)$/m.exec(procStat);
  return match ? Number(match[1]) * 1000 : undefined;
}

function readBootTime(): number | undefined {
  // A reboot cannot be run in a test; OPSDECK_AGENT_BOOTED_AT stands in for the next boot's time.
  const override = Number(process.env.OPSDECK_AGENT_BOOTED_AT);
  if (Number.isSafeInteger(override) && override > 0) return override;
  try {
    return bootTime(fs.readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

const ARCHITECTURES: Record<string, string> = { x64: 'x86_64', arm64: 'arm64', ia32: 'i386', arm: 'arm' };

export function collectMetadata(): NodeMetadata {
  const release = readOsRelease();
  const ipAddresses = Object.values(os.networkInterfaces())
    .flat()
    .filter((address) => address && !address.internal)
    .sort((a, b) => (a!.family === b!.family ? 0 : a!.family === 'IPv4' ? -1 : 1))
    .map((address) => address!.address);
  return {
    computerName: os.hostname(),
    platformType: process.platform === 'darwin' ? 'MacOS' : process.platform === 'win32' ? 'Windows' : 'Linux',
    platformName: release.NAME ?? os.type(),
    platformVersion: release.VERSION_ID ?? '',
    kernelVersion: os.release(),
    architecture: ARCHITECTURES[os.arch()] ?? os.arch(),
    ipAddresses: ipAddresses.length > 0 ? ipAddresses : ['127.0.0.1'],
    agentVersion: AGENT_VERSION,
    bootedAt: readBootTime(),
  };
}
