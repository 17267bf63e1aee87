import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './problem';
import { refetchAfterChange } from './refetch-after-change';

export function useTotpSetup() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/auth/totp/setup', { body: {} })) });
}

export function useTotpEnable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/v1/auth/totp/enable', { body: { code } })),
    onSuccess: () => refetchAfterChange(queryClient, ['me']),
  });
}

export function useTotpDisable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/v1/auth/totp/disable', { body: { code } })),
    onSuccess: () => refetchAfterChange(queryClient, ['me']),
  });
}
