import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InvitationCreate, InvitationStatus, RequestOf } from '@app/api-client';
import { tokenStore, useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export function useInvitations(filters: { status: InvitationStatus | null }) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.invitationList(tenantId, filters),
    fetchPage: (page) => unwrap(api.GET('/api/v1/invitations', { params: { query: { status: filters.status ?? undefined, ...page } } })),
  });
}

export function useInvite() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InvitationCreate) => unwrap(api.POST('/api/v1/invitations', { body })),
    onSuccess: () => refetchAfterChange(queryClient, queryKeys.invitations(tenantId)),
  });
}

export function useRevokeInvitation() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/invitations/{id}', { params: { path: { id } } })),
    onSuccess: () => refetchAfterChange(queryClient, queryKeys.invitations(tenantId)),
  });
}

export function useResendInvitation() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/invitations/{id}/resend', { params: { path: { id } }, body: {} })),
    onSuccess: () => refetchAfterChange(queryClient, queryKeys.invitations(tenantId)),
  });
}

export function useInvitationLookup(token: string) {
  return useQuery({
    queryKey: queryKeys.invitationLookup(token),
    queryFn: () => unwrap(api.POST('/api/v1/invitations/lookup', { body: { token } })),
    enabled: Boolean(token),
    retry: false,
  });
}

export function useAcceptInvitation() {
  return useMutation({
    mutationFn: (body: RequestOf<'/api/v1/invitations/accept', 'post'>) =>
      unwrap(api.POST('/api/v1/invitations/accept', { body })),
    onSuccess: (tokens) => tokenStore.set(tokens),
  });
}
