/**
 * A value the server process shares with its own route handlers. Next bundles route handlers into
 * their own module graph, with their own copies of every module, so a module-level variable set by
 * the server entry is not the one a route handler reads; the process global is shared by both.
 */
export interface ProcessSlot<T> {
  get(): T | undefined;
  set(value: T | undefined): void;
}

export function processSlot<T>(name: string): ProcessSlot<T> {
  const key = Symbol.for(`opsdeck.${name}`);
  const global = globalThis as typeof globalThis & Record<symbol, T | undefined>;
  return {
    get: () => global[key],
    set: (value) => {
      global[key] = value;
    },
  };
}
