import { and, eq, isNotNull, lt } from 'drizzle-orm';
import { commands, instancePatchStates, users } from '@/db/schema';
import { getDb } from '@/server/context';
import { actingAs } from '@/server/identity/caller';
import { sendCommand } from '@/server/runcommand/service';

export const SCAN_AFTER_REBOOT_COMMENT = 'Patch Manager: scan after the reboot an Install asked for';

/** The user who sent the Install, who the scan acts as (audited as theirs); undefined once they are gone. */
async function installSender(commandId: string | null): Promise<{ userId: string; username: string } | undefined> {
  if (!commandId) return undefined;
  const [row] = await getDb().select({ userId: users.id, username: users.username }).from(commands).innerJoin(users, eq(users.username, commands.requestedBy)).where(eq(commands.id, commandId));
  return row;
}

/**
 * A node connected from a boot later than the reboot its last Install asked for: as AWS-RunPatchBaseline
 * does after its reboot, it is scanned again, so what the reboot finished reads Installed rather
 * than InstalledPendingReboot. The pending mark is cleared by a conditional update first, so one
 * replica and one connection send the scan. Returns the scan's command id, if one was sent.
 */
export async function scanIfRebooted(nodeId: string, bootedAt: number | undefined): Promise<string | undefined> {
  if (bootedAt === undefined) return undefined;
  const [due] = await getDb()
    .update(instancePatchStates)
    .set({ scanAfterBootSince: null })
    .where(and(eq(instancePatchStates.nodeId, nodeId), isNotNull(instancePatchStates.scanAfterBootSince), lt(instancePatchStates.scanAfterBootSince, new Date(bootedAt))))
    .returning({ commandId: instancePatchStates.commandId });
  if (!due) return undefined;
  const sender = await installSender(due.commandId);
  if (!sender) {
    console.warn(`[patch-manager] ${nodeId} rebooted after an Install, but whoever sent it is no longer a user; not scanning it on their behalf`);
    return undefined;
  }
  const scan = await sendCommand(actingAs(sender, `patch-manager/scan-after-reboot/${nodeId}`), {
    documentName: 'AWS-RunPatchBaseline',
    instanceIds: [nodeId],
    parameters: { Operation: ['Scan'], RebootOption: ['NoReboot'] },
    comment: SCAN_AFTER_REBOOT_COMMENT,
  });
  return scan.CommandId;
}
