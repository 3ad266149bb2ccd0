/**
 * Which attributes identify an entry of an inventory type across collections, so that a package
 * whose version moved is a change, not a removal plus an addition.
 */
type Entry = Record<string, string>;

/** The types that hold one entry per node. */
const SINGLE_ENTRY_TYPES = new Set(['AWS:InstanceInformation', 'AWS:InstanceDetailedInformation']);

const KEY_ATTRIBUTES: Record<string, (entry: Entry) => string | undefined> = {
  'AWS:Application': (entry) => (entry.Name === undefined ? undefined : `${entry.Name}:${entry.Architecture ?? ''}`),
  'AWS:AWSComponent': (entry) => (entry.Name === undefined ? undefined : `${entry.Name}:${entry.Architecture ?? ''}`),
  'AWS:Network': (entry) => entry.Name,
  'AWS:Service': (entry) => entry.Name,
  'AWS:File': (entry) => (entry.Name === undefined ? undefined : `${(entry.InstalledDir ?? '').replace(/\/+$/, '')}/${entry.Name}`),
};

/** Custom types name their entries by one of these, in this order of preference. */
const CUSTOM_KEY_ATTRIBUTES = ['Id', 'ID', 'id', 'Name', 'name', 'Key', 'key'];

function customKey(content: Entry[]): (entry: Entry, index: number) => string {
  // The attribute must be present in every entry and tell them apart, or entries are keyed by position.
  const keyAttribute = CUSTOM_KEY_ATTRIBUTES.find((attribute) => {
    const values = content.map((entry) => entry[attribute]);
    return values.every((value) => value !== undefined) && new Set(values).size === values.length;
  });
  return keyAttribute ? (entry) => entry[keyAttribute]! : (_entry, index) => `#${index}`;
}

/**
 * Each entry of one reported type with its key. Two entries with the same key (a package listed
 * twice) keep the later one, as a second report of the same thing.
 */
export function keyEntries(typeName: string, content: Entry[]): Map<string, Entry> {
  const keyed = new Map<string, Entry>();
  if (SINGLE_ENTRY_TYPES.has(typeName)) {
    content.forEach((entry, index) => keyed.set(index === 0 ? '-' : `#${index}`, entry));
    return keyed;
  }
  const keyOf = KEY_ATTRIBUTES[typeName];
  const custom = keyOf ? undefined : customKey(content);
  content.forEach((entry, index) => keyed.set((keyOf ? keyOf(entry) : undefined) ?? custom?.(entry, index) ?? `#${index}`, entry));
  return keyed;
}
