import { readJson, withSession } from '@/server/http/route';
import { updateNodeSettings, type NodeSettingsInput } from '@/server/fleet/node-settings';

/** PATCH {region?, account?}: null clears a label. The service validates and audits. */
export const PATCH = withSession<{ nodeId: string }>(async (req, caller, { nodeId }) => ({
  node: await updateNodeSettings(caller, nodeId, (await readJson(req)) as NodeSettingsInput),
}));
