import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { type AppConfig } from './config';
import { jwtKey } from './jwt-key';

const config = (jwtSecret: string) => ({ jwtSecret }) as AppConfig;

describe('jwtKey', () => {
  it('is one secret KeyObject per config holding the secret string bytes', () => {
    const first = config('ü'.repeat(20) + 'x'.repeat(20));
    const key = jwtKey(first);
    expect(key.type).toBe('secret');
    expect(jwtKey(first)).toBe(key);
    expect(key.export().equals(Buffer.from(first.jwtSecret, 'utf8'))).toBe(true);
    expect(jwtKey(config(first.jwtSecret))).not.toBe(key);
  });

  it('signs and verifies the same tokens as the string secret, HS256 only', () => {
    const secret = 's'.repeat(40);
    const withKey = new JwtService({ secret: jwtKey(config(secret)) });
    const withString = new JwtService({ secret });
    const token = withKey.sign({ sub: 'a' }, { algorithm: 'HS256', noTimestamp: true });
    expect(token).toBe(withString.sign({ sub: 'a' }, { algorithm: 'HS256', noTimestamp: true }));
    const [header, payload, signature] = token.split('.');
    expect(createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')).toBe(signature);
    expect(withKey.verify(token, { algorithms: ['HS256'] })).toEqual({ sub: 'a' });
    expect(() => withKey.verify(withString.sign({ sub: 'a' }, { algorithm: 'HS512' }), { algorithms: ['HS256'] })).toThrow(/invalid algorithm/);
    expect(() => withKey.verify(new JwtService({ secret: 't'.repeat(40) }).sign({ sub: 'a' }), { algorithms: ['HS256'] })).toThrow(/invalid signature/);
  });
});
