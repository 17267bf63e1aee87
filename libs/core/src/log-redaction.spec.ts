import { isSecretName, REDACTED, redactUrl } from './log-redaction';

describe('log redaction', () => {
  it('knows secret-bearing names in their usual spellings', () => {
    for (const name of ['token', 'Token', 'access_token', 'refreshToken', 'id_token', 'code', 'authCode', 'key', 'api_key', 'apiKey', 'secret', 'client_secret', 'password', 'sig', 'signature', 'X-Amz-Signature', 'otp', 'totpCode', 'session', 'sid', 'jwt', 'auth']) {
      expect({ name, secret: isSecretName(name) }).toEqual({ name, secret: true });
    }
    for (const name of ['limit', 'cursor', 'status', 'q', 'role', 'action', 'entityId', 'from', 'to', 'tenantId', 'plan']) {
      expect({ name, secret: isSecretName(name) }).toEqual({ name, secret: false });
    }
  });

  it('replaces secret query values and keeps the rest of the URL as sent', () => {
    expect(redactUrl('/api/v1/x')).toBe('/api/v1/x');
    expect(redactUrl('/accept-invitation?token=abc123')).toBe(`/accept-invitation?token=${REDACTED}`);
    expect(redactUrl('/cb?code=1&state=s&limit=5&api%5Fkey=k&to%6Ben=t&flag')).toBe(`/cb?code=${REDACTED}&state=s&limit=5&api%5Fkey=${REDACTED}&to%6Ben=${REDACTED}&flag`);
    expect(redactUrl('/x?token=a&token=b')).toBe(`/x?token=${REDACTED}&token=${REDACTED}`);
    expect(redactUrl('/x?%E0%A4%A=1&secret=s')).toBe(`/x?%E0%A4%A=1&secret=${REDACTED}`);
  });
});
