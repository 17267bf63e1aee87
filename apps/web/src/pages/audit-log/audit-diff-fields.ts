export type FieldChange = 'added' | 'removed' | 'changed' | 'unchanged';

export interface DiffField {
  path: string;
  before: unknown;
  after: unknown;
  change: FieldChange;
}

type Snapshot = Record<string, unknown> | null;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Nested objects become dotted paths (`settings.locale`); arrays stay whole values. */
function flatten(value: Snapshot, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, inner] of Object.entries(value ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(inner) && Object.keys(inner).length > 0) flatten(inner, path, into);
    else into.set(path, inner);
  }
  return into;
}

/** Field by field comparison of an audit entry's before and after states, in a stable order. */
export function diffFields(before: Snapshot, after: Snapshot): DiffField[] {
  const old = flatten(before);
  const next = flatten(after);
  const paths = [...new Set([...old.keys(), ...next.keys()])].sort();
  return paths.map((path) => {
    const had = old.has(path);
    const has = next.has(path);
    const a = old.get(path);
    const b = next.get(path);
    const change: FieldChange = !had ? 'added' : !has ? 'removed' : JSON.stringify(a) === JSON.stringify(b) ? 'unchanged' : 'changed';
    return { path, before: a, after: b, change };
  });
}
