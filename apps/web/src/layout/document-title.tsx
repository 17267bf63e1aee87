import { useEffect } from 'react';
import type { RouteMatch } from 'react-router';
import { useMe } from '../api/auth';

const PRODUCT_NAME = 'Back office';

/** Route handle (router.tsx): every page route names itself; the signed-in layout adds the active tenant's name. */
export interface RouteHandle {
  title?: string;
  tenantInTitle?: boolean;
}

/** Sets "Members · Acme Academy · Back office", or "Log in · Back office" outside a tenant, from the matched routes. */
export function useDocumentTitle(matches: RouteMatch[]) {
  const handles = matches.map((match) => (match.route.handle ?? {}) as RouteHandle);
  const page = handles.findLast((handle) => handle.title)?.title;
  const inTenant = handles.some((handle) => handle.tenantInTitle);
  // Signed-in routes load /auth/me anyway (RequireAuth); public ones never ask for it.
  const me = useMe({ enabled: inTenant });
  const tenant = inTenant ? me.data?.activeTenant?.name : undefined;
  const title = [page, tenant, PRODUCT_NAME].filter(Boolean).join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
