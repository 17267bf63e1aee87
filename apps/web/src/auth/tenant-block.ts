import { useSyncExternalStore } from 'react';
import type { TenantStatus } from '@app/api-client';
import { ApiProblem } from '../api/problem';
import { tokenStore } from './token-store';

/** A tenant state that blocks the whole app, learned from a 403 problem or from /auth/me. */
export interface TenantBlock {
  status: Exclude<TenantStatus, 'active'>;
  detail?: string;
}

const SLUG_TO_STATUS: Record<string, TenantBlock['status']> = {
  'tenant-suspended': 'suspended',
  'tenant-pending': 'pending',
  'tenant-rejected': 'rejected',
};

let block: TenantBlock | null = null;
const listeners = new Set<() => void>();

function setBlock(next: TenantBlock | null) {
  block = next;
  listeners.forEach((listener) => listener());
}

// A new token (tenant switch, login, impersonation) gives the tenant a fresh chance.
tokenStore.subscribe(() => {
  if (block) setBlock(null);
});

export function reportTenantBlock(error: unknown) {
  if (!(error instanceof ApiProblem) || error.status !== 403) return;
  const status = SLUG_TO_STATUS[error.slug];
  if (status) setBlock({ status, detail: error.problem.detail });
}

export function useTenantBlock(): TenantBlock | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => block,
  );
}
