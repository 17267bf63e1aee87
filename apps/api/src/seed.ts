import type { INestApplicationContext } from '@nestjs/common';
import { AuthService, User } from '@app/auth';
import { Db } from '@app/database';
import { RolesService } from '@app/rbac';
import { TenantsService } from '@app/tenants';

export const DEMO_PASSWORD = 'Passw0rd!demo';

interface DemoUser {
  email: string;
  name: string;
  platformRole?: string;
  tenant?: string;
  roles?: string[];
}

const TENANTS: Array<{ name: string; slug: string; owner: string; status: 'active' | 'pending'; plan: string }> = [
  { name: 'Acme Academy', slug: 'acme', owner: 'owner@acme.test', status: 'active', plan: 'pro' },
  { name: 'Globex Media', slug: 'globex', owner: 'owner@globex.test', status: 'active', plan: 'free' },
  { name: 'Pending Co', slug: 'pending-co', owner: 'pending@pending.test', status: 'pending', plan: 'free' },
];

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@demo.test', name: 'Platform Admin', platformRole: 'super_admin' },
  { email: 'owner@acme.test', name: 'Alice Owner' },
  { email: 'owner@globex.test', name: 'Gus Owner' },
  { email: 'pending@pending.test', name: 'Pat Pending' },
  { email: 'creator@acme.test', name: 'Cora Creator', tenant: 'acme', roles: ['creator'] },
  { email: 'mentor@acme.test', name: 'Max Mentor', tenant: 'acme', roles: ['mentor'] },
  { email: 'concierge@acme.test', name: 'Connie Concierge', tenant: 'acme', roles: ['concierge'] },
  { email: 'client@acme.test', name: 'Cliff Client', tenant: 'acme', roles: ['client'] },
];

/** Seeds the demo data once; running it again changes nothing. */
export async function seedDemo(app: INestApplicationContext): Promise<boolean> {
  const db = app.get(Db);
  const auth = app.get(AuthService);
  const tenants = app.get(TenantsService);
  const roles = app.get(RolesService);
  return db.transaction({}, async (manager) => {
    if (await auth.findUserByEmail('admin@demo.test')) return false;
    const users = new Map<string, User>();
    for (const demo of DEMO_USERS) {
      const user = await auth.createUser(demo.email, demo.name, DEMO_PASSWORD, demo.platformRole ?? null);
      await manager.query(`update users set email_verified_at = now() where id = $1`, [user.id]);
      users.set(demo.email, user);
    }
    const tenantIds = new Map<string, string>();
    for (const spec of TENANTS) {
      const tenant = await tenants.create(spec.name, users.get(spec.owner)!.id, spec.status);
      // The demo's short slug (acme) when it is free; the seed is a platform operation, so it looks across tenants.
      await db.crossTenant();
      await manager.query(`update tenants set slug = $2 where id = $1 and not exists (select 1 from tenants where slug = $2)`, [tenant.id, spec.slug]);
      await manager.query(`update tenants set plan = $2 where id = $1`, [tenant.id, spec.plan]);
      tenantIds.set(spec.slug, tenant.id);
    }
    for (const demo of DEMO_USERS.filter((u) => u.tenant)) {
      const tenantId = tenantIds.get(demo.tenant!)!;
      await db.bindTenant(tenantId);
      const roleIds = (await roles.list()).filter((r) => demo.roles!.includes(r.key)).map((r) => r.id);
      await tenants.addMember(tenantId, users.get(demo.email)!.id, roleIds);
    }
    return true;
  });
}
