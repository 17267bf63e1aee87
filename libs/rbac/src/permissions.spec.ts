import { expandTenantPermissions, isKnownPermissionPattern, TENANT_PERMISSIONS } from './permissions';

describe('permission patterns', () => {
  it('expands * to every tenant permission and never to platform ones', () => {
    const all = expandTenantPermissions(['*']);
    expect(all.size).toBe(TENANT_PERMISSIONS.length);
    expect([...all].some((p) => p.startsWith('platform.'))).toBe(false);
  });

  it('expands resource and action wildcards', () => {
    expect([...expandTenantPermissions(['members:*'])].sort()).toEqual(['members:read', 'members:write']);
    const reads = expandTenantPermissions(['*:read']);
    expect(reads.has('roles:read')).toBe(true);
    expect(reads.has('roles:write')).toBe(false);
  });

  it('rejects unknown or malformed patterns', () => {
    expect(isKnownPermissionPattern('members:read')).toBe(true);
    expect(isKnownPermissionPattern('members:*')).toBe(true);
    expect(isKnownPermissionPattern('nothing:read')).toBe(false);
    expect(isKnownPermissionPattern('platform.tenants:read')).toBe(false);
    expect(isKnownPermissionPattern('DROP TABLE')).toBe(false);
  });
});
