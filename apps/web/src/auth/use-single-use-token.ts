import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Reads `?token=` of an emailed link and sends it once to `send` (the token is single use: StrictMode's
 * second effect run must not send it again). Returns the token ('' when the link has none).
 */
export function useSingleUseToken(send: (token: string) => void): string {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const sent = useRef(false);
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    send(token);
  }, [token, send]);
  return token;
}
