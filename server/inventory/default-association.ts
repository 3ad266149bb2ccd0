import { asc, eq } from 'drizzle-orm';
import { associations, installSettings, users } from '@/db/schema';
import { createAssociation } from '@/server/associations/service';
import { ADMIN_USERNAME } from '@/server/auth/bootstrap';
import { getDb } from '@/server/context';
import { actingAs } from '@/server/identity/caller';
import { isUuid } from '@/server/uuid';

export const DEFAULT_INVENTORY_ASSOCIATION_NAME = 'Opsdeck-GatherSoftwareInventory';
export const GATHER_INVENTORY_DOCUMENT = 'AWS-GatherSoftwareInventory';
/** Settings key: the association the install created (its id), so a deleted one is never created again. */
const SETTING_KEY = 'inventory.default-association';
const CLAIMED = 'creating';

/** Who the association acts as: the admin (AdministratorAccess), else the oldest user. */
async function owner(): Promise<{ userId: string; username: string } | undefined> {
  const [admin] = await getDb().select().from(users).where(eq(users.username, ADMIN_USERNAME));
  const [oldest] = admin ? [admin] : await getDb().select().from(users).orderBy(asc(users.createdAt)).limit(1);
  return oldest ? { userId: oldest.id, username: oldest.username } : undefined;
}

/**
 * On the first start of an install, the association that gathers every node's inventory every 30
 * minutes, as AWS's Quick Setup creates. Created once: the setting row is claimed before the
 * create (so two replicas starting together make one), and it stays after the association is
 * deleted or renamed, so the operator's choice holds. Returns the association id when this call
 * created it.
 */
export async function ensureDefaultInventoryAssociation(): Promise<string | undefined> {
  const [claim] = await getDb().insert(installSettings).values({ key: SETTING_KEY, value: CLAIMED }).onConflictDoNothing().returning();
  if (!claim) return undefined;
  try {
    const creator = await owner();
    if (!creator) throw new Error('there is no user to own it');
    const created = await createAssociation(actingAs(creator, 'inventory/default-association'), {
      name: DEFAULT_INVENTORY_ASSOCIATION_NAME,
      documentName: GATHER_INVENTORY_DOCUMENT,
      targets: [{ Key: 'InstanceIds', Values: ['*'] }],
      scheduleExpression: 'rate(30 minutes)',
    });
    await getDb().update(installSettings).set({ value: created.AssociationId, updatedAt: new Date() }).where(eq(installSettings.key, SETTING_KEY));
    return created.AssociationId;
  } catch (error) {
    // Released so the next start tries again.
    await getDb().delete(installSettings).where(eq(installSettings.key, SETTING_KEY));
    throw error;
  }
}

/** The default inventory association, while it exists. */
export async function findDefaultInventoryAssociation() {
  const [setting] = await getDb().select().from(installSettings).where(eq(installSettings.key, SETTING_KEY));
  if (!setting || !isUuid(setting.value)) return undefined;
  const [row] = await getDb().select().from(associations).where(eq(associations.id, setting.value));
  return row;
}
