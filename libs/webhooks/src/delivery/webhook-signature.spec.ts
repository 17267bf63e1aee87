import { createHmac } from 'node:crypto';
import { newWebhookSecret, signatureHeader } from './webhook-signature';

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 so a receiver can check it with nothing but the secret', () => {
    const secret = newWebhookSecret();
    const previous = newWebhookSecret();
    const body = JSON.stringify({ id: 'e1', type: 'webhook.test', data: { a: 'é' } });
    const header = signatureHeader(1_700_000_000, body, [secret, previous]);
    const parts = header.split(',');
    expect(parts[0]).toBe('t=1700000000');
    const expected = (key: string) => createHmac('sha256', key).update(`1700000000.${body}`).digest('hex');
    expect(parts.slice(1)).toEqual([`v1=${expected(secret)}`, `v1=${expected(previous)}`]);
  });

  it('makes distinct whsec_ secrets', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
