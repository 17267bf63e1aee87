import type { AuditLogDto } from './dto/audit-log.dto';
import { tenantAuditView } from './tenant-audit-view';

const log = (over: Partial<AuditLogDto>): AuditLogDto => ({
  id: 'a',
  actorType: 'user',
  actorId: null,
  actorEmail: null,
  impersonatorId: null,
  impersonatorEmail: null,
  action: 'member.updated',
  entityType: 'membership',
  entityId: 'm-1',
  before: null,
  after: null,
  ip: null,
  userAgent: null,
  requestId: null,
  createdAt: '2026-12-02T00:00:00.000Z',
  ...over,
});

describe('tenantAuditView', () => {
  it('drops session id fields at any depth and leaves the original untouched', () => {
    const after = { name: 'A', sessionId: 's-1', nested: { session_ids: ['s-2'], keep: 1 }, list: [{ SessionID: 's-3', ok: true }, 'x'] };
    const view = tenantAuditView(log({ after }));
    expect(view.after).toEqual({ name: 'A', nested: { keep: 1 }, list: [{ ok: true }, 'x'] });
    expect(after.sessionId).toBe('s-1');
    expect(after.nested.session_ids).toEqual(['s-2']);
  });

  it('returns a value holding no session ids as it is (no copy)', () => {
    const before = { name: 'A', roles: ['owner'], nested: { keep: 1 } };
    expect(tenantAuditView(log({ before })).before).toBe(before);
  });

  it('hides the entity id of a login session event', () => {
    expect(tenantAuditView(log({ entityType: 'auth_session', entityId: 's-9' })).entityId).toBeNull();
  });
});
