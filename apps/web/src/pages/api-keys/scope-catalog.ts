import type { Permission } from '@app/api-client';
import { usePermissions } from '../../api/roles';
import { useSession } from '../../auth/use-session';

/**
 * Permissions an API key may be given, and which of them the user can grant (a key never exceeds
 * its creator). The catalog needs roles:read; without it the picker lists the user's own permissions.
 */
export function useScopeCatalog() {
  const { me, can } = useSession();
  const catalog = usePermissions(can('roles:read'));
  const own: Permission[] = (me.data?.permissions ?? [])
    .filter((key) => !key.startsWith('platform.') && key.includes(':') && !key.includes('*'))
    .map((key) => ({ key, group: key.split(':')[0], description: '' }));
  return {
    permissions: catalog.isSuccess ? catalog.data : own,
    isPending: catalog.isLoading,
    selectable: can,
  };
}
