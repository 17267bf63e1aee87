import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestOf, ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { usePagedList } from './use-paged-list';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';

export type EmailTemplate = ResponseOf<'/api/v1/email-templates/{key}', 'get'>;
export type EmailTemplateUpdate = RequestOf<'/api/v1/email-templates/{key}', 'put'>;
export type EmailMessage = ResponseOf<'/api/v1/email-messages', 'get'>['data'][number];
export type EmailMessageStatus = EmailMessage['status'];

export function useEmailTemplates() {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.emailTemplates(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/email-templates')),
    enabled: Boolean(tenantId),
    select: (list) => list.data,
  });
}

export function useEmailTemplate(key: string) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.emailTemplate(tenantId, key),
    queryFn: () => unwrap(api.GET('/api/v1/email-templates/{key}', { params: { path: { key } } })),
    enabled: Boolean(tenantId),
  });
}

/** Renders a draft with the template's sample data; the previous rendering stays on screen while typing. */
export function useEmailTemplatePreview(key: string, draft: EmailTemplateUpdate) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.emailTemplatePreview(tenantId, key, draft),
    queryFn: () => unwrap(api.POST('/api/v1/email-templates/{key}/preview', { params: { path: { key } }, body: draft })),
    enabled: Boolean(tenantId),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

function useInvalidateTemplates() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.emailTemplates(tenantId) });
}

export function useSaveEmailTemplate() {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: ({ key, ...body }: EmailTemplateUpdate & { key: string }) =>
      unwrap(api.PUT('/api/v1/email-templates/{key}', { params: { path: { key } }, body })),
    onSuccess: invalidate,
  });
}

export function useResetEmailTemplate() {
  const invalidate = useInvalidateTemplates();
  return useMutation({
    mutationFn: (key: string) => unwrap(api.DELETE('/api/v1/email-templates/{key}', { params: { path: { key } } })),
    onSuccess: invalidate,
  });
}

export function useSendTestEmail() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, to }: { key: string; to?: string }) =>
      unwrap(api.POST('/api/v1/email-templates/{key}/send-test', { params: { path: { key } }, body: to ? { to } : {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tenant', tenantId, 'email-messages'] }),
  });
}

export function useEmailMessages(filters: { status: EmailMessageStatus | null; template: string | null }) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.emailMessages(tenantId, filters),
    fetchPage: (page) =>
      unwrap(api.GET('/api/v1/email-messages', { params: { query: { status: filters.status ?? undefined, template: filters.template ?? undefined, ...page } } })),
    refetchInterval: (rows) => (rows.some((row) => row.status === 'queued') ? 3_000 : false),
  });
}
