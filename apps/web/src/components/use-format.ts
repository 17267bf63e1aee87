import { useMemo } from 'react';
import { useTenant } from '../api/tenant';
import { useSession } from '../auth/use-session';
import { createFormat, type Format } from './format';

/**
 * Dates in the active tenant's time zone and money in its default currency, both in the browser's
 * locale. Every member gets both from /auth/me; those who may read the tenant's settings get them from
 * there too, so a change saved on the settings page shows at once. Without a tenant, the browser's time zone.
 */
export function useFormat(): Format {
  const { activeTenant, can } = useSession();
  // Every date on screen reads this: a minute-old copy is fresh enough (a settings save replaces it at once).
  const tenant = useTenant({ enabled: Boolean(activeTenant) && can('tenant:read'), staleTime: 60_000 });
  const settings = tenant.data?.settings;
  const timeZone = settings?.timezone ?? activeTenant?.timezone;
  const currency = settings?.defaultCurrency ?? activeTenant?.defaultCurrency;
  return useMemo(() => createFormat({ timeZone, currency }), [timeZone, currency]);
}
