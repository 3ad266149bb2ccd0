import type { Caller } from '@/server/identity/caller';
import { perform, type ActionSpec } from '@/server/identity/perform';

/**
 * perform() for an action whose resources are known only after a lookup (the key an alias
 * names). A failed lookup — no such key, a reserved alias — is audited as the action failing,
 * so probing for keys leaves a trace.
 */
export async function performAfterLookup<Found, T>(
  caller: Caller,
  spec: Omit<ActionSpec, 'resources'>,
  lookup: () => Promise<Found>,
  resourcesOf: (found: Found) => string[],
  action: (found: Found) => Promise<T>,
): Promise<T> {
  let found: Found;
  try {
    found = await lookup();
  } catch (error) {
    return perform(caller, { name: spec.name, parameters: spec.parameters, isAudited: spec.isAudited }, () => Promise.reject(error));
  }
  return perform(caller, { ...spec, resources: resourcesOf(found) }, () => action(found));
}
