import type { TenantStatus } from '../tenant.entity';

export type TenantTransition = 'approve' | 'reject' | 'suspend' | 'activate';

/** Each admin action: the one status it starts from, the status it leads to and its audit action. */
export const TENANT_TRANSITIONS: Record<TenantTransition, { from: TenantStatus; to: TenantStatus; audit: string }> = {
  approve: { from: 'pending', to: 'active', audit: 'tenant.approved' },
  reject: { from: 'pending', to: 'rejected', audit: 'tenant.rejected' },
  suspend: { from: 'active', to: 'suspended', audit: 'tenant.suspended' },
  activate: { from: 'suspended', to: 'active', audit: 'tenant.activated' },
};
