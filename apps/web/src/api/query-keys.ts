/**
 * Every tenant-scoped key starts with ['tenant', tenantId, resource] so that switching tenant
 * never shows another tenant's cached rows, and a resource can be invalidated by prefix.
 */
export const queryKeys = {
  me: (tenantId: string | null, principal: string | null) => ['me', tenantId, principal] as const,
  sessions: (tenantId: string | null) => ['tenant', tenantId, 'auth-sessions'] as const,
  tenant: (tenantId: string | null) => ['tenant', tenantId, 'settings'] as const,
  members: (tenantId: string | null) => ['tenant', tenantId, 'members'] as const,
  memberList: (tenantId: string | null, filters: { q: string; role: string | null }) =>
    ['tenant', tenantId, 'members', filters] as const,
  invitations: (tenantId: string | null) => ['tenant', tenantId, 'invitations'] as const,
  invitationList: (tenantId: string | null, filters: { status: string | null }) =>
    ['tenant', tenantId, 'invitations', filters] as const,
  roles: (tenantId: string | null) => ['tenant', tenantId, 'roles'] as const,
  permissions: (tenantId: string | null) => ['tenant', tenantId, 'permissions'] as const,
  adminTenants: (tenantId: string | null) => ['tenant', tenantId, 'admin-tenants'] as const,
  adminTenantList: (tenantId: string | null, filters: Record<string, string | null>) =>
    ['tenant', tenantId, 'admin-tenants', filters] as const,
  apiKeys: (tenantId: string | null) => ['tenant', tenantId, 'api-keys'] as const,
  apiKeyList: (tenantId: string | null, filters: { status: string | null }) => ['tenant', tenantId, 'api-keys', filters] as const,
  auditLogs: (tenantId: string | null) => ['tenant', tenantId, 'audit-logs'] as const,
  auditLogList: (tenantId: string | null, filters: Record<string, string | null>) => ['tenant', tenantId, 'audit-logs', filters] as const,
  usage: (tenantId: string | null) => ['tenant', tenantId, 'usage'] as const,
  webhookEventTypes: (tenantId: string | null) => ['tenant', tenantId, 'webhook-event-types'] as const,
  webhookEndpoints: (tenantId: string | null) => ['tenant', tenantId, 'webhook-endpoints'] as const,
  webhookEndpoint: (tenantId: string | null, id: string) => ['tenant', tenantId, 'webhook-endpoints', id] as const,
  webhookDeliveries: (tenantId: string | null, endpointId: string, filters: { status: string | null }) =>
    ['tenant', tenantId, 'webhook-endpoints', endpointId, 'deliveries', filters] as const,
  webhookDelivery: (tenantId: string | null, id: string) => ['tenant', tenantId, 'webhook-deliveries', id] as const,
  emailTemplates: (tenantId: string | null) => ['tenant', tenantId, 'email-templates'] as const,
  emailTemplate: (tenantId: string | null, key: string) => ['tenant', tenantId, 'email-templates', key] as const,
  emailTemplatePreview: (tenantId: string | null, key: string, draft: object) =>
    ['tenant', tenantId, 'email-templates', key, 'preview', draft] as const,
  emailMessages: (tenantId: string | null, filters: { status: string | null; template: string | null }) =>
    ['tenant', tenantId, 'email-messages', filters] as const,
  featureFlags: (tenantId: string | null) => ['tenant', tenantId, 'feature-flags'] as const,
  integrationStatus: (tenantId: string | null) => ['tenant', tenantId, 'integration-status'] as const,
  platformSettings: (tenantId: string | null) => ['tenant', tenantId, 'platform-settings'] as const,
  platformFeatureFlags: (tenantId: string | null) => ['tenant', tenantId, 'platform-feature-flags'] as const,
  deadLetters: (tenantId: string | null) => ['tenant', tenantId, 'dead-letters'] as const,
  deadLetterList: (tenantId: string | null, filters: Record<string, string | null>) => ['tenant', tenantId, 'dead-letters', 'list', filters] as const,
  deadLetter: (tenantId: string | null, id: string) => ['tenant', tenantId, 'dead-letters', id] as const,
  stripeConnection: (tenantId: string | null) => ['tenant', tenantId, 'billing', 'connect'] as const,
  billingCustomers: (tenantId: string | null) => ['tenant', tenantId, 'billing', 'customers'] as const,
  billingCustomerList: (tenantId: string | null, filters: Record<string, string | null>) => ['tenant', tenantId, 'billing', 'customers', 'list', filters] as const,
  billingProducts: (tenantId: string | null) => ['tenant', tenantId, 'billing', 'products'] as const,
  billingProductList: (tenantId: string | null, filters: Record<string, string | null>) => ['tenant', tenantId, 'billing', 'products', 'list', filters] as const,
  billingProduct: (tenantId: string | null, id: string) => ['tenant', tenantId, 'billing', 'products', id] as const,
  stripeEvents: (tenantId: string | null) => ['tenant', tenantId, 'stripe-events'] as const,
  stripeEventList: (tenantId: string | null, filters: Record<string, string | null>) => ['tenant', tenantId, 'stripe-events', 'list', filters] as const,
  stripeEvent: (tenantId: string | null, id: string) => ['tenant', tenantId, 'stripe-events', id] as const,
  platformIntegrationStatus: (tenantId: string | null) => ['tenant', tenantId, 'platform-integration-status'] as const,
  invitationLookup: (token: string) => ['public', 'invitation-lookup', token] as const,
};
