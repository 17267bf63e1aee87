import { cursorTimestampSql } from '@app/core';
import type { CustomField } from './paylink-custom-fields';
import type { PaylinkDto, PaylinkVersionDto } from './dto/paylink.dto';

/** A checkout that still holds a use: paid, or open and not yet expired. */
export const HOLDS_USE = `(r.status = 'confirmed' or (r.status = 'reserved' and r.expires_at > now()))`;

/** The status people see: `expired` when an active link is past its expiry or every use is paid. */
export const DERIVED_STATUS = `case when p.status = 'active' and (p.expires_at <= now() or p.uses_count >= p.max_uses) then 'expired' else p.status end`;

export const PAYLINK_SELECT = `
  select p.*, t.slug as tenant_slug, ${DERIVED_STATUS} as derived_status, ${cursorTimestampSql('p.created_at')} as cursor_at,
         (select count(*)::int from paylink_reservations r where r.tenant_id = p.tenant_id and r.paylink_id = p.id and r.status = 'reserved' and r.expires_at > now()) as reserved_count
    from paylinks p join tenants t on t.id = p.tenant_id`;

export interface PaylinkRow {
  id: string;
  tenant_id: string;
  tenant_slug: string;
  slug: string;
  title: string;
  description: string;
  amount_mode: 'fixed' | 'customer_chooses';
  amount: string | null;
  min_amount: string | null;
  max_amount: string | null;
  currency: string;
  price_id: string | null;
  expires_at: Date | null;
  max_uses: number | null;
  require_shipping: boolean;
  custom_fields: CustomField[];
  success_url: string | null;
  cancel_url: string | null;
  metadata: Record<string, string>;
  status: 'active' | 'inactive' | 'archived';
  derived_status: string;
  version: number;
  uses_count: number;
  reserved_count: number;
  revenue: string;
  created_at: Date;
  updated_at: Date;
  cursor_at: string;
}

const money = (value: string | null) => (value === null ? null : Number(value));

export function payPageUrl(publicUrl: string, tenantSlug: string, slug: string): string {
  return `${publicUrl}/pay/${encodeURIComponent(tenantSlug)}/${encodeURIComponent(slug)}`;
}

export function toPaylink(row: PaylinkRow, publicUrl: string): PaylinkDto {
  return {
    id: row.id,
    slug: row.slug,
    url: payPageUrl(publicUrl, row.tenant_slug, row.slug),
    title: row.title,
    description: row.description,
    amountMode: row.amount_mode,
    amount: money(row.amount),
    minAmount: money(row.min_amount),
    maxAmount: money(row.max_amount),
    currency: row.currency,
    priceId: row.price_id,
    expiresAt: row.expires_at?.toISOString() ?? null,
    maxUses: row.max_uses,
    requireShipping: row.require_shipping,
    customFields: row.custom_fields,
    successUrl: row.success_url,
    cancelUrl: row.cancel_url,
    metadata: row.metadata,
    status: row.derived_status,
    version: row.version,
    usesCount: row.uses_count,
    reservedCount: row.reserved_count,
    revenue: Number(row.revenue),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export interface VersionRow {
  id: string;
  version: number;
  amount_mode: string;
  amount: string | null;
  min_amount: string | null;
  max_amount: string | null;
  currency: string;
  changed_by: string | null;
  created_at: Date;
  cursor_at: string;
}

export function toVersion(row: VersionRow): PaylinkVersionDto {
  return {
    id: row.id,
    version: row.version,
    amountMode: row.amount_mode,
    amount: money(row.amount),
    minAmount: money(row.min_amount),
    maxAmount: money(row.max_amount),
    currency: row.currency,
    changedBy: row.changed_by,
    createdAt: row.created_at.toISOString(),
  };
}
