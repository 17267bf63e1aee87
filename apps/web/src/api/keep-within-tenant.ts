/**
 * placeholderData for filtered lists: while new filters load, keep showing the rows of the same
 * tenant, but never carry rows over to another tenant after a switch.
 */
export function keepWithinTenant<T>(previous: T | undefined, previousQuery: { queryKey: readonly unknown[] } | undefined, tenantId: string | null) {
  return previousQuery && previousQuery.queryKey[1] === tenantId ? previous : undefined;
}
