import { Injectable } from '@nestjs/common';
import { newId } from '@app/core';
import { Db } from '@app/database';
import type { EmailContent } from './email-template-renderer';

export interface EmailTemplateOverride extends EmailContent {
  key: string;
  updatedAt: Date;
}

interface OverrideRow {
  key: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  updated_at: Date;
}

const toOverride = (row: OverrideRow): EmailTemplateOverride => ({
  key: row.key,
  subject: row.subject,
  text: row.body_text,
  html: row.body_html,
  updatedAt: row.updated_at,
});

/** A tenant's own versions of catalog templates (table email_templates, row-level security by tenant). */
@Injectable()
export class EmailTemplateOverridesRepository {
  constructor(private readonly db: Db) {}

  async all(tenantId: string): Promise<Map<string, EmailTemplateOverride>> {
    const rows: OverrideRow[] = await this.db.manager().query(
      `select key, subject, body_text, body_html, updated_at from email_templates where tenant_id = $1`,
      [tenantId],
    );
    return new Map(rows.map((row) => [row.key, toOverride(row)]));
  }

  async find(tenantId: string, key: string): Promise<EmailTemplateOverride | null> {
    const rows: OverrideRow[] = await this.db.manager().query(
      `select key, subject, body_text, body_html, updated_at from email_templates where tenant_id = $1 and key = $2`,
      [tenantId, key],
    );
    return rows[0] ? toOverride(rows[0]) : null;
  }

  async upsert(tenantId: string, key: string, content: EmailContent, userId: string | null): Promise<void> {
    await this.db.manager().query(
      `insert into email_templates (id, tenant_id, key, subject, body_text, body_html, updated_by)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (tenant_id, key) do update
         set subject = excluded.subject, body_text = excluded.body_text, body_html = excluded.body_html,
             updated_by = excluded.updated_by, updated_at = now()`,
      [newId(), tenantId, key, content.subject, content.text, content.html, userId],
    );
  }

  async remove(tenantId: string, key: string): Promise<boolean> {
    const rows = await this.db.manager().query(`delete from email_templates where tenant_id = $1 and key = $2 returning key`, [tenantId, key]);
    return rows.length > 0;
  }
}
