export interface PermissionDefinition {
  key: string;
  group: string;
  description: string;
}

const define = (key: string, description: string): PermissionDefinition => ({ key, group: key.split(':')[0], description });

/** Every permission a tenant role can hold. Role permissions may use `*` wildcards over these keys. */
export const TENANT_PERMISSIONS: PermissionDefinition[] = [
  define('tenant:read', 'View the business profile and settings'),
  define('tenant:write', 'Change the business profile and settings'),
  define('members:read', 'List members and their roles'),
  define('members:write', 'Change member roles, deactivate and remove members'),
  define('invitations:read', 'List invitations'),
  define('invitations:write', 'Invite, resend and revoke invitations'),
  define('roles:read', 'List roles and permissions'),
  define('roles:write', 'Create, edit and delete custom roles'),
  define('audit:read', 'Read the audit log'),
  define('api_keys:read', 'List API keys and their usage'),
  define('api_keys:write', 'Create and revoke API keys'),
  define('webhooks:read', 'List webhook endpoints and deliveries'),
  define('webhooks:write', 'Register, change, rotate, test and replay webhook endpoints'),
  define('email_templates:read', 'View and preview email templates'),
  define('email_templates:write', 'Edit email templates and send test emails'),
  define('features:read', 'View feature flags of the business'),
  define('features:write', 'Turn feature flags on or off for the business'),
  define('usage:read', 'View usage against plan limits'),
  define('integrations:read', 'View integration status (never the keys)'),
  define('billing:read', 'View the Stripe connection, customers, products and prices'),
  define('billing:write', 'Connect the Stripe account and change billing (products, prices, checkout, subscriptions, invoices, coupons, credits)'),
  define('billing.refunds:write', 'Refund payments and approve refunds that need a second person'),
  define('paylinks:read', 'View pay links, their versions and uses'),
  define('paylinks:write', 'Create, edit, activate, deactivate and archive pay links'),
  define('entitlements:read', 'Read what a member may access (plan, status, access until, features)'),
];

/** Permissions of platform staff; they come from the user's platform role, never from a tenant role. */
export const PLATFORM_PERMISSIONS: PermissionDefinition[] = [
  define('platform.tenants:read', 'List and search all tenants'),
  define('platform.tenants:write', 'Approve, reject, suspend, activate tenants and change plans'),
  define('platform.tenants:impersonate', 'Sign in as a tenant user for support (audited)'),
  define('platform.audit:read', 'Read the audit log of every tenant and of platform events'),
  define('platform.jobs:read', 'See queues, dead letters and the queue dashboard'),
  define('platform.jobs:write', 'Replay or discard dead letters'),
  define('platform.settings:read', 'Read platform settings and feature flag defaults'),
  define('platform.settings:write', 'Change platform settings and feature flag defaults'),
  define('platform.billing:read', 'See received Stripe events, their payloads and errors, and the plans sold to tenants'),
  define('platform.billing:write', 'Replay Stripe events; create, edit, archive and price the plans sold to tenants'),
];

export const PLATFORM_ROLE_PERMISSIONS: Record<string, string[]> = {
  super_admin: PLATFORM_PERMISSIONS.map((p) => p.key),
  support: ['platform.tenants:read', 'platform.tenants:impersonate', 'platform.audit:read', 'platform.jobs:read', 'platform.settings:read', 'platform.billing:read'],
};

export interface SystemRoleDefinition {
  key: string;
  name: string;
  description: string;
  permissions: string[];
}

export const SYSTEM_ROLES: SystemRoleDefinition[] = [
  { key: 'owner', name: 'Owner', description: 'Full control of the business', permissions: ['*'] },
  { key: 'admin', name: 'Admin', description: 'Runs the back office day to day', permissions: ['*'] },
  { key: 'creator', name: 'Creator', description: 'Builds journeys and sets their prices', permissions: ['tenant:read'] },
  { key: 'mentor', name: 'Mentor', description: 'Reviews client work', permissions: ['tenant:read'] },
  { key: 'concierge', name: 'Concierge', description: 'Runs concierge sessions with clients', permissions: ['tenant:read'] },
  { key: 'client', name: 'Client', description: 'A member who buys and follows journeys', permissions: [] },
  { key: 'support', name: 'Support', description: 'Helps members; reads most things', permissions: ['tenant:read', 'members:read', 'invitations:read', 'roles:read', 'audit:read', 'webhooks:read', 'email_templates:read', 'features:read', 'usage:read', 'integrations:read', 'billing:read', 'entitlements:read', 'paylinks:read'] },
  { key: 'viewer', name: 'Viewer', description: 'Reads everything, changes nothing', permissions: ['*:read'] },
];

function matches(pattern: string, key: string): boolean {
  if (pattern === '*' || pattern === key) return true;
  const [resource, action] = pattern.split(':');
  const [keyResource, keyAction] = key.split(':');
  return (resource === '*' || resource === keyResource) && (action === '*' || action === keyAction);
}

/** True when a role permission (possibly with wildcards) is well-formed and names something that exists. */
export function isKnownPermissionPattern(pattern: string): boolean {
  if (!/^[a-z*][a-z_.*]*:[a-z*][a-z_*]*$/.test(pattern) && pattern !== '*') return false;
  return TENANT_PERMISSIONS.some((p) => matches(pattern, p.key));
}

/** Expands tenant role patterns to concrete tenant permission keys (never platform ones). */
export function expandTenantPermissions(patterns: Iterable<string>): Set<string> {
  const result = new Set<string>();
  const list = [...patterns];
  for (const permission of TENANT_PERMISSIONS) {
    if (list.some((pattern) => matches(pattern, permission.key))) result.add(permission.key);
  }
  return result;
}

export function platformPermissions(platformRole: string | null): string[] {
  return platformRole ? (PLATFORM_ROLE_PERMISSIONS[platformRole] ?? []) : [];
}
