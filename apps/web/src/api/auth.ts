import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { RequestOf } from '@app/api-client';
import { tokenStore, useAuthSnapshot } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';

export function useMe({ enabled = true }: { enabled?: boolean } = {}) {
  const { tokens, impersonation } = useAuthSnapshot();
  const tenantId = tokens?.tenantId ?? null;
  return useQuery({
    queryKey: queryKeys.me(tenantId, impersonation?.email ?? null),
    queryFn: () => unwrap(api.GET('/api/v1/auth/me')),
    enabled: enabled && Boolean(tokens),
    staleTime: 30_000,
  });
}

export function useLogin() {
  return useMutation({
    mutationFn: (body: RequestOf<'/api/v1/auth/login', 'post'>) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: (tokens) => tokenStore.set(tokens),
  });
}

/** Asks for an account: the answer is the same for every address; the emailed link creates it. */
export function useSignup() {
  return useMutation({
    mutationFn: (body: RequestOf<'/api/v1/auth/signup', 'post'>) => unwrap(api.POST('/api/v1/auth/signup', { body })),
  });
}

/** Opens a signup confirmation link: the account and its business exist from now on, signed in. */
export function useConfirmSignup() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (token: string) => unwrap(api.POST('/api/v1/auth/signup/confirm', { body: { token } })),
    onSuccess: (result) => {
      // A pending tenant lands on the "waiting for approval" notice rendered by the layout.
      navigate('/', { replace: true });
      tokenStore.set(result.tokens);
    },
  });
}

/** Signs out; RequireAuth then sends the visitor to the login page. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      // Best effort: the local sign-out happens even if the server call fails.
      await api.POST('/api/v1/auth/logout', { body: {} }).catch(() => undefined);
    },
    onSettled: () => {
      tokenStore.clear('logout');
      queryClient.clear();
    },
  });
}

/**
 * Hooks that swap the tokens navigate first, in the hook's own callback: the new principal
 * remounts the signed-in tree, so a component's mutate() callbacks would never run.
 */
export function useSwitchTenant() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: (tenantId: string) => unwrap(api.POST('/api/v1/auth/switch-tenant', { body: { tenantId } })),
    onSuccess: (tokens) => {
      navigate('/');
      tokenStore.set(tokens);
    },
  });
}

export function useForgotPassword() {
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/api/v1/auth/password/forgot', { body: { email } })),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: RequestOf<'/api/v1/auth/password/reset', 'post'>) =>
      unwrap(api.POST('/api/v1/auth/password/reset', { body })),
  });
}

export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => unwrap(api.POST('/api/v1/auth/email/verify', { body: { token } })),
    onSuccess: () => refetchAfterChange(queryClient, ['me']),
  });
}

export function useResendVerification() {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/email/resend', { body: {} })),
  });
}
