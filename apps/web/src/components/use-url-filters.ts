import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's filters kept in the query string, so a filtered list can be reloaded, bookmarked and
 * shared. `parse` and `serialize` are module-level functions (stable); empty values leave the URL.
 */
export function useUrlFilters<F>(parse: (params: URLSearchParams) => F, serialize: (filters: F) => Record<string, string | null>) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parse(params), [params, parse]);
  const setFilters = useCallback(
    (next: F) => {
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(serialize(next))) if (value) query.set(name, value);
      // Each change replaces the entry: Back leaves the list instead of stepping through every keystroke.
      setParams(query, { replace: true });
    },
    [setParams, serialize],
  );
  return [filters, setFilters] as const;
}

/** The values of a comma-separated parameter that are among `allowed` (anything else in a hand-edited URL is dropped). */
export function listParam<S extends string>(params: URLSearchParams, name: string, allowed: readonly S[]): S[] {
  const values = (params.get(name) ?? '').split(',');
  return allowed.filter((value) => values.includes(value));
}

/** A parameter's value when it is one of `allowed`, else null. */
export function oneOfParam<S extends string>(params: URLSearchParams, name: string, allowed: readonly S[]): S | null {
  const value = params.get(name);
  return allowed.find((item) => item === value) ?? null;
}

/** A calendar day (YYYY-MM-DD) parameter, else null. */
export function dayParam(params: URLSearchParams, name: string): string | null {
  const value = params.get(name);
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}
