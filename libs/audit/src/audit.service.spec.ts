import { maskSecrets } from './audit.service';

describe('maskSecrets', () => {
  it('masks secret fields at any depth and keeps the rest', () => {
    expect(maskSecrets({ name: 'a', passwordHash: 'x', nested: [{ refreshToken: 't', ok: 1 }] })).toEqual({
      name: 'a',
      passwordHash: '***',
      nested: [{ refreshToken: '***', ok: 1 }],
    });
  });
});
