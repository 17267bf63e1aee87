import type { QueryRunner } from 'typeorm';
import { AccountSecurity1764500000000 } from './1764500000000-account-security';

/** A QueryRunner that answers the migration's two reads and records every statement. */
function fakeRunner(users: Array<{ id: string; email: string }>, invitations: Array<{ id: string; email: string }>) {
  const statements: Array<{ sql: string; params?: unknown[] }> = [];
  const runner = {
    query: async (sql: string, params?: unknown[]) => {
      statements.push({ sql, params });
      if (/^select id, email from users/.test(sql)) return users;
      if (/^select id, email from invitations/.test(sql)) return invitations;
      return [];
    },
  } as unknown as QueryRunner;
  return { runner, statements };
}

describe('AccountSecurity migration: canonical email addresses', () => {
  it('rewrites users and invitations to NFC + case-folded addresses', async () => {
    const { runner, statements } = fakeRunner(
      [
        { id: 'u1', email: 'rene\u0301@example.test' },
        { id: 'u2', email: 'plain@example.test' },
      ],
      [{ id: 'i1', email: 'STRASSE\u0301@example.test' }],
    );
    await new AccountSecurity1764500000000().up(runner);
    const updates = statements.filter((s) => /^update (users|invitations) set email/.test(s.sql)).map((s) => s.params);
    expect(updates).toEqual([
      ['u1', 'ren\u00e9@example.test'],
      ['i1', 'strass\u00e9@example.test'],
    ]);
    expect(statements.some((s) => /users_email_nfc_check/.test(s.sql))).toBe(true);
  });

  it('refuses, naming the accounts, when two users would share one address', async () => {
    const { runner, statements } = fakeRunner(
      [
        { id: 'u1', email: 'ren\u00e9@example.test' },
        { id: 'u2', email: 'rene\u0301@example.test' },
        { id: 'u3', email: 'other@example.test' },
      ],
      [],
    );
    await expect(new AccountSecurity1764500000000().up(runner)).rejects.toThrow(/would share one address.*"ren\u00e9@example.test": u1 .*, u2 /);
    expect(statements.filter((s) => /^update users set email/.test(s.sql))).toEqual([]);
  });
});
