import { hasPermission } from '../../auth/permissions';

/** Concrete catalog keys a role's patterns (with `*` wildcards) grant. */
export function expandPatterns(patterns: readonly string[], catalog: readonly string[]): string[] {
  return catalog.filter((key) => hasPermission(patterns, key));
}

/**
 * Turns checked keys back into role permissions. A wildcard the role already had is kept while
 * every key it covers is still checked (so `members:*` keeps granting future members permissions);
 * everything else is saved as explicit keys.
 */
export function collapseToPatterns(checked: readonly string[], original: readonly string[], catalog: readonly string[]): string[] {
  const checkedSet = new Set(checked);
  const kept = original.filter(
    (pattern) => pattern.includes('*') && expandPatterns([pattern], catalog).every((key) => checkedSet.has(key)),
  );
  const explicit = checked.filter((key) => !hasPermission(kept, key));
  return [...kept, ...explicit];
}
