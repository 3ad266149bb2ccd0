/**
 * Invalidation topics (server/cache/invalidation.ts) of the identity caches, in a module of their
 * own so every writer can name them without importing the caches' modules.
 */

/** The access-key cache (access-keys.ts); keys are access key ids. */
export const ACCESS_KEY_TOPIC = 'identity.access-keys';

/** The per-user policy cache (authorize.ts); keys are user ids, or '*' for every user. */
export const POLICY_TOPIC = 'identity.policies';
