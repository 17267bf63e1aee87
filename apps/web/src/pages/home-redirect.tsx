import { Navigate } from 'react-router';
import { useSession } from '../auth/use-session';

const TENANT_PAGES: [string, string][] = [
  ['members:read', '/members'],
  ['invitations:read', '/invitations'],
  ['roles:read', '/roles'],
  ['tenant:read', '/settings'],
];

export function HomeRedirect() {
  const { activeTenant, isPlatformStaff, can } = useSession();
  if (activeTenant) {
    const page = TENANT_PAGES.find(([permission]) => can(permission));
    return <Navigate to={page ? page[1] : '/account/security'} replace />;
  }
  return <Navigate to={isPlatformStaff ? '/admin/tenants' : '/select-tenant'} replace />;
}
