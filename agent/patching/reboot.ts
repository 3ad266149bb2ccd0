import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { ToolRunner } from './tool';

/** Debian and Ubuntu packages (kernels, libc, ...) touch this file from their postinst when a reboot must finish them. */
export function rebootRequiredFile(): string {
  return process.env.OPSDECK_REBOOT_REQUIRED_FILE || '/var/run/reboot-required';
}

export function isRebootFlagged(): boolean {
  return fs.existsSync(rebootRequiredFile());
}

/** The packages update-notifier lists beside the flag (`reboot-required.pkgs`), or null when there is no list. */
export function packagesPendingReboot(): Set<string> | null {
  try {
    return new Set(fs.readFileSync(`${rebootRequiredFile()}.pkgs`, 'utf8').split('\n').map((line) => line.trim()).filter(Boolean));
  } catch {
    return null;
  }
}

// A minute's grace, as `shutdown -r +1` gives: the step's result reaches the server before the node goes down.
const DEFAULT_REBOOT = { file: 'shutdown', args: ['-r', '+1', 'Opsdeck: rebooting to finish patching'] };

/**
 * Asks the node to reboot. OPSDECK_AGENT_REBOOT_COMMAND (an operator's command line, run by
 * /bin/sh; tests point it at a script that only leaves a marker) replaces the default
 * `shutdown -r +1`; where shutdown cannot schedule one (no systemd, no shutdown daemon), `reboot`
 * runs a minute later from a process of its own that outlives this step.
 */
export async function requestReboot(run: ToolRunner): Promise<string> {
  const command = process.env.OPSDECK_AGENT_REBOOT_COMMAND;
  if (command) {
    const result = await run('/bin/sh', ['-c', command]);
    if (result.exitCode !== 0) throw new Error(`the reboot command '${command}' exited with ${result.exitCode}: ${(result.stderr || result.stdout).trim()}`);
    return `ran the reboot command '${command}'`;
  }
  const result = await run(DEFAULT_REBOOT.file, DEFAULT_REBOOT.args);
  if (result.exitCode === 0) return 'the node reboots in one minute (shutdown -r +1)';
  const delayed = spawn('/bin/sh', ['-c', 'sleep 60; exec reboot'], { detached: true, stdio: 'ignore' });
  delayed.unref();
  return `shutdown -r +1 failed (${(result.error ?? result.stderr).trim()}); reboot runs in one minute`;
}
