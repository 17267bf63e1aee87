import { useMe } from '../api/auth';
import { hasPermission } from './permissions';

/** The signed-in user, active tenant and a permission check. */
export function useSession() {
  const me = useMe();
  const permissions = me.data?.permissions ?? [];
  return {
    me,
    user: me.data?.user ?? null,
    activeTenant: me.data?.activeTenant ?? null,
    memberships: me.data?.memberships ?? [],
    /** Platform staff acting as themselves (not while impersonating). */
    isPlatformStaff: hasPermission(permissions, 'platform.tenants:read'),
    can: (permission: string) => hasPermission(permissions, permission),
  };
}
