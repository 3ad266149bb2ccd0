import { splitValues, type TagRow } from '@/components/resource-groups/tag-query-builder';

export type TargetMode = 'nodes' | 'tags' | 'group';

/** What the target picker holds; every mode keeps its input while the user switches between them. */
export interface TargetChoice {
  mode: TargetMode;
  nodeIds: string[];
  tagRows: TagRow[];
  group: string;
}

export type Target = { Key: string; Values: string[] };

/**
 * The choice as SendCommand's Targets (AWS's shapes: `InstanceIds`, `tag:<key>`,
 * `resource-groups:Name`), or what is still missing, in words.
 */
export function targetsOf(choice: TargetChoice): { targets: Target[] } | { error: string } {
  if (choice.mode === 'nodes') {
    return choice.nodeIds.length > 0 ? { targets: [{ Key: 'InstanceIds', Values: choice.nodeIds }] } : { error: 'Choose at least one node.' };
  }
  if (choice.mode === 'group') {
    return choice.group ? { targets: [{ Key: 'resource-groups:Name', Values: [choice.group] }] } : { error: 'Choose a resource group.' };
  }
  const targets: Target[] = [];
  for (const row of choice.tagRows) {
    const key = row.key.trim();
    const values = splitValues(row.values);
    if (!key && values.length === 0) continue;
    if (!key) return { error: `A row has values (${values.join(', ')}) but no tag key.` };
    if (values.length === 0) return { error: `Give at least one value for the tag key ${key}.` };
    if (targets.some((target) => target.Key === `tag:${key}`)) return { error: `The tag key ${key} is on two rows; put all its values on one row, separated by commas.` };
    targets.push({ Key: `tag:${key}`, Values: values });
  }
  return targets.length > 0 ? { targets } : { error: 'Give a tag key and its values.' };
}
