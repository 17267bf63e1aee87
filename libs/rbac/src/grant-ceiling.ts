import { currentContext, ProblemException, Problems } from '@app/core';
import { expandTenantPermissions } from './permissions';

/**
 * The permission boundary every grant passes through (a role's permissions, roles given to a member
 * or an invitee, an API key's scopes): the acting principal may grant only permissions it holds
 * itself. Patterns are expanded first, so `*:write` needs every write permission and a role counts
 * with everything it holds today.
 */
export function assertGrantable(patterns: Iterable<string>, subject: string): void {
  const principal = currentContext()?.principal;
  if (!principal) throw Problems.unauthorized();
  const exceeding = [...expandTenantPermissions(patterns)].filter((permission) => !principal.permissions.has(permission)).sort();
  if (!exceeding.length) return;
  throw new ProblemException(
    'grant-exceeds-own-permissions',
    403,
    'Grant exceeds your permissions',
    `You can grant only permissions you hold yourself; ${subject} would grant ${exceeding.join(', ')}.`,
    undefined,
    { permissions: exceeding },
  );
}
