import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { APP_CONFIG, type AppConfig, containsPattern, currentContext, cursorTimestampSql, type FieldError, NewestFirstQuery, newId, type PageQueryDto, Problems } from '@app/core';
import { Db } from '@app/database';
import { assertReturnUrl } from '../catalog/return-url';
import type { PaylinkCreateDto, PaylinkQueryDto, PaylinkUpdateDto } from './dto/paylink-input.dto';
import type { PaylinkDto, PaylinkListDto, PaylinkRemovalDto, PaylinkVersionListDto } from './dto/paylink.dto';
import { customFieldDefinitionErrors, type CustomField } from './paylink-custom-fields';
import { DERIVED_STATUS, PAYLINK_SELECT, type PaylinkRow, toPaylink, toVersion, type VersionRow } from './paylink-rows';
import { assertNotReserved, RESERVED_SLUGS, SLUG_MIN, slugFromTitle, slugProblem, slugTaken } from './paylink-slug';
import { type PaylinkTerms, resolveTerms, termsChanged, termsOfRow } from './paylink-terms';

const isSlugConflict = (error: unknown) => (error as { constraint?: string }).constraint === 'paylinks_slug_key';

/** Staff's pay links: create, edit (an amount change is a new version), activate / deactivate, delete or archive. */
@Injectable()
export class PaylinksService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: PaylinkQueryDto): Promise<PaylinkListDto> {
    const list = new NewestFirstQuery('p');
    list.where(`p.tenant_id = ${list.param(this.db.tenantId())}`);
    if (query.status?.length) list.where(`(${DERIVED_STATUS}) = any(${list.param(query.status)}::text[])`);
    else list.where(`p.status <> 'archived'`);
    if (query.search) {
      const pattern = list.param(containsPattern(query.search));
      list.where(`(p.title ilike ${pattern} or p.slug ilike ${pattern})`);
    }
    const page = await list.page<PaylinkRow>(PAYLINK_SELECT, query, (sql, params) => this.db.query(sql, params));
    return { nextCursor: page.nextCursor, data: page.data.map((row) => toPaylink(row, this.config.publicUrl)) };
  }

  async get(id: string): Promise<PaylinkDto> {
    return toPaylink(await this.row(id), this.config.publicUrl);
  }

  async versions(id: string, query: PageQueryDto): Promise<PaylinkVersionListDto> {
    await this.row(id);
    const list = new NewestFirstQuery('v');
    list.where(`v.tenant_id = ${list.param(this.db.tenantId())}`).where(`v.paylink_id = ${list.param(id)}`);
    const page = await list.page<VersionRow>(
      `select v.*, ${cursorTimestampSql('v.created_at')} as cursor_at from paylink_versions v`,
      query,
      (sql, params) => this.db.query(sql, params),
    );
    return { nextCursor: page.nextCursor, data: page.data.map(toVersion) };
  }

  async create(body: PaylinkCreateDto): Promise<PaylinkDto> {
    const tenantId = this.db.tenantId();
    this.assertFields(body);
    const terms = await resolveTerms(this.db.manager(), tenantId, body, null);
    const slug = body.slug !== undefined ? await this.checkedSlug(body.slug, null) : await this.freeSlug(body.title);
    const id = newId();
    const versionId = newId();
    const userId = this.userId();
    try {
      await this.db.query(
        `insert into paylinks (id, tenant_id, slug, title, description, amount_mode, amount, min_amount, max_amount, currency, price_id, expires_at, max_uses,
                               require_shipping, custom_fields, success_url, cancel_url, metadata, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
        [
          id, tenantId, slug, body.title.trim(), body.description?.trim() ?? '', terms.amountMode, terms.amount, terms.minAmount, terms.maxAmount, terms.currency, terms.priceId,
          body.expiresAt ?? null, body.maxUses ?? null, body.requireShipping ?? false, JSON.stringify(this.fields(body.customFields)), body.successUrl ?? null,
          body.cancelUrl ?? null, JSON.stringify(body.metadata ?? {}), userId,
        ],
      );
    } catch (error) {
      if (isSlugConflict(error)) throw slugTaken(slug);
      throw error;
    }
    await this.addVersion(id, versionId, 1, terms, userId);
    const after = await this.get(id);
    await this.audit.record({ action: 'paylink.created', entityType: 'paylink', entityId: id, after });
    return after;
  }

  async update(id: string, body: PaylinkUpdateDto): Promise<PaylinkDto> {
    const row = await this.row(id, true);
    if (row.status === 'archived') throw Problems.conflict('paylink-archived', 'An archived pay link cannot be changed.');
    this.assertFields(body);
    const before = toPaylink(row, this.config.publicUrl);
    const held = termsOfRow(row);
    const terms = await resolveTerms(this.db.manager(), row.tenant_id, body, held);
    if (body.maxUses != null && body.maxUses < row.uses_count) {
      throw Problems.unprocessable('paylink-max-uses-below-uses', `The link was already paid ${row.uses_count} times; maxUses cannot be lower.`);
    }
    const slug = body.slug !== undefined && body.slug !== row.slug ? await this.checkedSlug(body.slug, id) : row.slug;
    const newVersion = termsChanged(held, terms);
    const version = newVersion ? row.version + 1 : row.version;
    const keep = <T, U>(given: T | undefined, current: U): T | U => (given === undefined ? current : given);
    try {
      await this.db.query(
        `update paylinks set slug = $3, title = $4, description = $5, amount_mode = $6, amount = $7, min_amount = $8, max_amount = $9, currency = $10, price_id = $11,
                expires_at = $12, max_uses = $13, require_shipping = $14, custom_fields = $15, success_url = $16, cancel_url = $17, metadata = $18, version = $19, updated_at = now()
          where tenant_id = $1 and id = $2`,
        [
          row.tenant_id, id, slug, body.title?.trim() ?? row.title, body.description?.trim() ?? row.description, terms.amountMode, terms.amount, terms.minAmount, terms.maxAmount,
          terms.currency, terms.priceId, keep(body.expiresAt, row.expires_at), keep(body.maxUses, row.max_uses), body.requireShipping ?? row.require_shipping,
          JSON.stringify(body.customFields ? this.fields(body.customFields) : row.custom_fields), keep(body.successUrl, row.success_url), keep(body.cancelUrl, row.cancel_url),
          JSON.stringify(body.metadata ?? row.metadata), version,
        ],
      );
    } catch (error) {
      if (isSlugConflict(error)) throw slugTaken(slug);
      throw error;
    }
    if (newVersion) await this.addVersion(id, newId(), version, terms, this.userId());
    const after = await this.get(id);
    await this.audit.record({ action: 'paylink.updated', entityType: 'paylink', entityId: id, before, after });
    return after;
  }

  async setActive(id: string, active: boolean): Promise<PaylinkDto> {
    const row = await this.row(id, true);
    if (row.status === 'archived') throw Problems.conflict('paylink-archived', 'An archived pay link cannot be activated or deactivated.');
    await this.db.query(`update paylinks set status = $3, updated_at = now() where tenant_id = $1 and id = $2`, [row.tenant_id, id, active ? 'active' : 'inactive']);
    const after = await this.get(id);
    await this.audit.record({ action: active ? 'paylink.activated' : 'paylink.deactivated', entityType: 'paylink', entityId: id, before: { status: row.derived_status }, after: { status: after.status } });
    return after;
  }

  /** Deletes a link nobody paid or is paying; one with payments or open checkouts is archived instead (its history stays). */
  async remove(id: string): Promise<PaylinkRemovalDto> {
    const row = await this.row(id, true);
    const before = toPaylink(row, this.config.publicUrl);
    const [{ held }] = await this.db.query<{ held: boolean }>(
      `select exists (select 1 from paylink_reservations r where r.tenant_id = $1 and r.paylink_id = $2 and (r.status = 'confirmed' or (r.status = 'reserved' and r.expires_at > now()))) as held`,
      [row.tenant_id, id],
    );
    if (held) {
      await this.db.query(`update paylinks set status = 'archived', updated_at = now() where tenant_id = $1 and id = $2`, [row.tenant_id, id]);
      await this.audit.record({ action: 'paylink.archived', entityType: 'paylink', entityId: id, before, after: { status: 'archived' } });
      return { outcome: 'archived' };
    }
    await this.db.query(`delete from paylinks where tenant_id = $1 and id = $2`, [row.tenant_id, id]);
    await this.audit.record({ action: 'paylink.deleted', entityType: 'paylink', entityId: id, before });
    return { outcome: 'deleted' };
  }

  private async row(id: string, lock = false): Promise<PaylinkRow> {
    const [row] = await this.db.query<PaylinkRow>(`${PAYLINK_SELECT} where p.tenant_id = $1 and p.id = $2 ${lock ? 'for update of p' : ''}`, [this.db.tenantId(), id]);
    if (!row) throw Problems.notFound('Pay link');
    return row;
  }

  private addVersion(paylinkId: string, id: string, version: number, terms: PaylinkTerms, userId: string | null): Promise<unknown> {
    return this.db.query(
      `insert into paylink_versions (id, tenant_id, paylink_id, version, amount_mode, amount, min_amount, max_amount, currency, changed_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, this.db.tenantId(), paylinkId, version, terms.amountMode, terms.amount, terms.minAmount, terms.maxAmount, terms.currency, userId],
    );
  }

  private userId(): string | null {
    return currentContext()?.principal?.userId ?? null;
  }

  private fields(fields: PaylinkCreateDto['customFields']): CustomField[] {
    return (fields ?? []).map((f) => ({ key: f.key, label: f.label.trim(), type: f.type, required: f.required ?? false, ...(f.options ? { options: f.options } : {}) }));
  }

  /** Checks that class-validator cannot express: field definitions together, URLs, an expiry in the future. */
  private assertFields(body: PaylinkCreateDto | PaylinkUpdateDto): void {
    const errors: FieldError[] = body.customFields ? customFieldDefinitionErrors(this.fields(body.customFields)) : [];
    if (body.expiresAt && new Date(body.expiresAt).getTime() <= Date.now()) errors.push({ field: 'expiresAt', message: 'expiresAt must be in the future' });
    if (body.slug !== undefined) {
      const problem = slugProblem(body.slug);
      if (problem) errors.push({ field: 'slug', message: problem });
    }
    if (errors.length) throw Problems.validation(errors);
    if (body.successUrl) assertReturnUrl(this.config, 'successUrl', body.successUrl);
    if (body.cancelUrl) assertReturnUrl(this.config, 'cancelUrl', body.cancelUrl);
  }

  /** A slug staff chose: not reserved, not another link's. */
  private async checkedSlug(slug: string, exceptId: string | null): Promise<string> {
    assertNotReserved(slug);
    const [taken] = await this.db.query(`select 1 from paylinks where tenant_id = $1 and slug = $2 and id is distinct from $3`, [this.db.tenantId(), slug, exceptId]);
    if (taken) throw slugTaken(slug);
    return slug;
  }

  /** A slug made from the title, with the first free "-n" suffix when it is taken or reserved. */
  private async freeSlug(title: string): Promise<string> {
    let base = slugFromTitle(title);
    if (base.length < SLUG_MIN) base = base ? `${base}-link` : 'link';
    const rows = await this.db.query<{ slug: string }>(
      `select slug from paylinks where tenant_id = $1 and (slug = $2 or slug like $3)`,
      [this.db.tenantId(), base, `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`],
    );
    const taken = new Set(rows.map((r) => r.slug));
    if (!taken.has(base) && !RESERVED_SLUGS.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}
