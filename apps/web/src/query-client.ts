import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiProblem } from './api/problem';
import { reportTenantBlock } from './auth/tenant-block';

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: reportTenantBlock }),
  mutationCache: new MutationCache({ onError: reportTenantBlock }),
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; network and 5xx errors get one more try.
      retry: (failures, error) => !(error instanceof ApiProblem && error.status >= 400 && error.status < 500) && failures < 1,
      refetchOnWindowFocus: false,
    },
  },
});
