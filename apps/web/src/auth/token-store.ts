import { useSyncExternalStore } from 'react';
import type { Impersonation, Tokens } from '@app/api-client';

export interface StoredTokens {
  accessToken: string;
  refreshToken: string | null;
  tenantId: string | null;
}

export interface ImpersonationState {
  /** The platform admin's own tokens, restored when impersonation ends. */
  admin: StoredTokens;
  email: string;
  tenantId: string;
  expiresAt: number;
}

interface AuthSnapshot {
  tokens: StoredTokens | null;
  impersonation: ImpersonationState | null;
  /** Why the tokens went away in this page's life: a deliberate logout does not ask to come back. */
  signedOut?: 'logout' | 'expired';
}

const TOKENS_KEY = 'bo.tokens';
const IMPERSONATION_KEY = 'bo.impersonation';

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown) {
  if (value === null) localStorage.removeItem(key);
  else localStorage.setItem(key, JSON.stringify(value));
}

let snapshot: AuthSnapshot = { tokens: read(TOKENS_KEY), impersonation: read(IMPERSONATION_KEY) };
const listeners = new Set<() => void>();

function commit(next: AuthSnapshot) {
  snapshot = next;
  write(TOKENS_KEY, next.tokens);
  write(IMPERSONATION_KEY, next.impersonation);
  listeners.forEach((listener) => listener());
}

window.addEventListener('storage', (event) => {
  if (event.key !== TOKENS_KEY && event.key !== IMPERSONATION_KEY) return;
  snapshot = { tokens: read(TOKENS_KEY), impersonation: read(IMPERSONATION_KEY) };
  listeners.forEach((listener) => listener());
});

export function toStoredTokens(tokens: Tokens): StoredTokens {
  return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, tenantId: tokens.tenantId ?? null };
}

export const tokenStore = {
  get: () => snapshot.tokens,
  impersonation: () => snapshot.impersonation,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Signs in (or switches tenant) with a fresh token pair. */
  set(tokens: Tokens) {
    commit({ ...snapshot, tokens: toStoredTokens(tokens) });
  },
  /** Replaces the access token after a refresh, keeping the impersonation state. */
  replace(tokens: StoredTokens) {
    commit({ ...snapshot, tokens });
  },
  clear(reason: 'logout' | 'expired' = 'logout') {
    commit({ tokens: null, impersonation: null, signedOut: reason });
  },
  startImpersonation(result: Impersonation) {
    if (!snapshot.tokens) return;
    const admin = snapshot.impersonation?.admin ?? snapshot.tokens;
    commit({
      tokens: { accessToken: result.accessToken, refreshToken: null, tenantId: result.tenantId },
      impersonation: {
        admin,
        email: result.impersonating.email,
        tenantId: result.tenantId,
        expiresAt: Date.now() + result.expiresIn * 1000,
      },
    });
  },
  /** Ends impersonation and puts the admin's own tokens back. */
  stopImpersonation() {
    const admin = snapshot.impersonation?.admin ?? null;
    commit({ tokens: admin, impersonation: null });
  },
};

const getSnapshot = () => snapshot;

export function useAuthSnapshot(): AuthSnapshot {
  return useSyncExternalStore(tokenStore.subscribe, getSnapshot);
}

/** Tenant the current tokens act in; part of every tenant-scoped query key. */
export function useActiveTenantId(): string | null {
  return useAuthSnapshot().tokens?.tenantId ?? null;
}
