import type { ReactNode } from 'react';
import { Forbidden } from '../components/forbidden';
import { useSession } from '../auth/use-session';

export function RequirePermission({ anyOf, children }: { anyOf: string[]; children: ReactNode }) {
  const { can } = useSession();
  return anyOf.some(can) ? children : <Forbidden />;
}

export function RequireTenant({ children }: { children: ReactNode }) {
  const { activeTenant } = useSession();
  return activeTenant ? children : <Forbidden />;
}

export function RequirePlatformStaff({ children }: { children: ReactNode }) {
  const { isPlatformStaff } = useSession();
  return isPlatformStaff ? children : <Forbidden />;
}
