import { createApiClient } from '@app/api-client';
import { tokenStore, toStoredTokens } from '../auth/token-store';

/** Client without auth hooks, for refresh (so a failing refresh never recurses). */
const publicApi = createApiClient('');

let refreshing: Promise<string | null> | null = null;

async function refreshOnce(): Promise<string | null> {
  const current = tokenStore.get();
  if (!current?.refreshToken) return null;
  try {
    const { data } = await publicApi.POST('/api/v1/auth/refresh', { body: { refreshToken: current.refreshToken } });
    if (!data) return null;
    // Another tab or a logout may have changed the tokens meanwhile.
    if (tokenStore.get()?.refreshToken !== current.refreshToken) return tokenStore.get()?.accessToken ?? null;
    tokenStore.replace(toStoredTokens(data));
    return data.accessToken;
  } catch {
    return null;
  }
}

export const api = createApiClient('', {
  getAccessToken: () => tokenStore.get()?.accessToken ?? null,
  refreshAccessToken() {
    refreshing ??= refreshOnce().finally(() => {
      refreshing = null;
    });
    return refreshing;
  },
  onUnauthorized() {
    // An expired impersonation token hands the session back to the admin; anything else signs out.
    if (tokenStore.impersonation()) tokenStore.stopImpersonation();
    else tokenStore.clear('expired');
  },
});

// crypto.randomUUID exists only in secure contexts; a self-hosted install may be served over plain http.
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Every POST carries an Idempotency-Key, so a retried request (the replay after a token refresh, a
 * flaky network) never creates twice: the server answers the replay with the first response.
 */
api.use({
  onRequest({ request }) {
    if (request.method === 'POST' && !request.headers.has('Idempotency-Key')) request.headers.set('Idempotency-Key', newIdempotencyKey());
    return request;
  },
});
