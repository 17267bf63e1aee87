import { maskSecrets } from './audit.service';

describe('maskSecrets', () => {
  it('masks secret fields at any depth and keeps the rest', () => {
    expect(maskSecrets({ name: 'a', passwordHash: 'x', nested: [{ refreshToken: 't', ok: 1 }] })).toEqual({
      name: 'a',
      passwordHash: '***',
      nested: [{ refreshToken: '***', ok: 1 }],
    });
  });

  it('keeps a __proto__ key as a field', () => {
    expect(JSON.stringify(maskSecrets(JSON.parse('{"__proto__": {"token": "t"}, "a": 1}')))).toBe('{"__proto__":{"token":"***"},"a":1}');
  });
});
