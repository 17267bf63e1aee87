/**
 * True when `granted` allows `required`. Tenant permissions may come as `*`, `resource:*` or
 * `*:action` patterns; platform permissions (`platform.*`) only ever match exactly, as a tenant
 * role can never grant them.
 */
export function hasPermission(granted: readonly string[], required: string): boolean {
  if (granted.includes(required)) return true;
  if (required.startsWith('platform.')) return false;
  const [resource, action] = required.split(':');
  return granted.some((entry) => {
    if (entry === '*') return true;
    const [r, a] = entry.split(':');
    return (r === '*' || r === resource) && (a === '*' || a === action);
  });
}
