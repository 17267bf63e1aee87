import { Injectable } from '@nestjs/common';
import { newId, Problems } from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import type { CreateRoleDto, RoleDto, UpdateRoleDto } from './dto/role.dto';
import { assertGrantable } from './grant-ceiling';
import { isKnownPermissionPattern, SYSTEM_ROLES } from './permissions';
import { Role } from './role.entity';

function slugify(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 50) || 'role';
}

@Injectable()
export class RolesService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** Seeds the system roles of a new tenant (inside the caller's transaction, bound to that tenant). */
  async seedSystemRoles(tenantId: string): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const role of SYSTEM_ROLES) {
      const id = newId();
      ids.set(role.key, id);
      await this.db.repo(Role).insert({ id, tenantId, key: role.key, name: role.name, description: role.description, permissions: role.permissions, isSystem: true });
    }
    return ids;
  }

  async list(): Promise<RoleDto[]> {
    const rows: Array<Role & { member_count: string }> = await this.db.manager().query(
      `select r.id, r.key, r.name, r.description, r.permissions, r.is_system,
              (select count(*) from membership_roles mr where mr.tenant_id = r.tenant_id and mr.role_id = r.id) as member_count
         from roles r where r.tenant_id = $1 order by r.is_system desc, r.name asc`,
      [this.db.tenantId()],
    );
    return rows.map((r: any) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      description: r.description,
      permissions: r.permissions,
      system: r.is_system,
      memberCount: Number(r.member_count),
    }));
  }

  async get(id: string): Promise<RoleDto> {
    const role = (await this.list()).find((r) => r.id === id);
    if (!role) throw Problems.notFound('Role');
    return role;
  }

  /** Roles of this tenant by id; throws a validation problem naming any id that is not one. */
  async requireIds(roleIds: string[]): Promise<Role[]> {
    const unique = [...new Set(roleIds)];
    const roles = unique.length ? await this.db.repo(Role).findBy(unique.map((id) => ({ id, tenantId: this.db.tenantId() }))) : [];
    const missing = unique.filter((id) => !roles.some((r) => r.id === id));
    if (missing.length) throw Problems.validation(missing.map(() => ({ field: 'roleIds', message: `role ${missing[0]} does not exist` })));
    return roles;
  }

  private checkPermissions(permissions: string[]): string[] {
    const unknown = permissions.filter((p) => !isKnownPermissionPattern(p));
    if (unknown.length) throw Problems.validation(unknown.map((p) => ({ field: 'permissions', message: `unknown permission "${p}"` })));
    return [...new Set(permissions)].sort();
  }

  async create(input: CreateRoleDto): Promise<RoleDto> {
    const tenantId = this.db.tenantId();
    const permissions = this.checkPermissions(input.permissions);
    assertGrantable(permissions, 'this role');
    const name = input.name.trim();
    await this.ensureNameFree(name);
    let key = slugify(name);
    if (await this.db.repo(Role).existsBy({ tenantId, key })) key = `${key}-${newId().slice(-6)}`;
    const id = newId();
    const role = { id, tenantId, key, name, description: input.description?.trim() ?? '', permissions, isSystem: false };
    await this.db.repo(Role).insert(role);
    await this.audit.record({ action: 'role.created', entityType: 'role', entityId: id, after: role });
    return this.get(id);
  }

  async update(id: string, input: UpdateRoleDto): Promise<RoleDto> {
    const role = await this.db.repo(Role).findOneBy({ id, tenantId: this.db.tenantId() });
    if (!role) throw Problems.notFound('Role');
    if (role.isSystem) throw Problems.conflict('system-role', 'System roles cannot be changed.');
    // Only a role the actor could have created may be changed, and only into one it could create.
    assertGrantable(role.permissions, 'this role');
    const before = { name: role.name, description: role.description, permissions: role.permissions };
    const changes: Partial<Role> = {};
    if (input.name !== undefined && input.name.trim() !== role.name) {
      await this.ensureNameFree(input.name.trim(), id);
      changes.name = input.name.trim();
    }
    if (input.description !== undefined) changes.description = input.description.trim();
    if (input.permissions !== undefined) {
      changes.permissions = this.checkPermissions(input.permissions);
      assertGrantable(changes.permissions, 'this role');
    }
    if (Object.keys(changes).length) {
      await this.db.repo(Role).update({ id, tenantId: role.tenantId }, changes);
      await this.audit.record({ action: 'role.updated', entityType: 'role', entityId: id, before, after: { ...before, ...changes } });
    }
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const role = await this.get(id);
    if (role.system) throw Problems.conflict('system-role', 'System roles cannot be deleted.');
    if (role.memberCount > 0) throw Problems.conflict('role-in-use', `This role is held by ${role.memberCount} member(s); reassign them first.`);
    await this.db.repo(Role).delete({ id, tenantId: this.db.tenantId() });
    await this.audit.record({ action: 'role.deleted', entityType: 'role', entityId: id, before: role });
  }

  private async ensureNameFree(name: string, exceptId?: string): Promise<void> {
    const rows = await this.db.manager().query(`select id from roles where tenant_id = $1 and lower(name) = lower($2)`, [this.db.tenantId(), name]);
    if (rows.some((r: { id: string }) => r.id !== exceptId)) throw Problems.conflict('role-name-taken', `A role named "${name}" already exists.`);
  }
}
