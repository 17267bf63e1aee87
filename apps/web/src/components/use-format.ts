import { useMemo } from 'react';
import { useTenant } from '../api/tenant';
import { useSession } from '../auth/use-session';
import { createFormat, type Format } from './format';

/**
 * Dates in the active tenant's time zone and money in its default currency, both in the browser's
 * locale. Without a tenant (or before its settings arrive, or without `tenant:read`), the browser's time zone.
 */
export function useFormat(): Format {
  const { activeTenant, can } = useSession();
  // Every date on screen reads this: a minute-old copy is fresh enough (a settings save replaces it at once).
  const tenant = useTenant({ enabled: Boolean(activeTenant) && can('tenant:read'), staleTime: 60_000 });
  const settings = tenant.data?.settings;
  const timeZone = settings?.timezone;
  const currency = settings?.defaultCurrency;
  return useMemo(() => createFormat({ timeZone, currency }), [timeZone, currency]);
}
