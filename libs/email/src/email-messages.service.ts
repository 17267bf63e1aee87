import { Injectable } from '@nestjs/common';
import { cursorTimestampSql, decodeTimeCursor, type Page, pageSize, toPage } from '@app/core';
import { Db } from '@app/database';
import type { EmailMessageDto } from './dto/email-message.dto';
import type { EmailMessageQueryDto } from './dto/email-message-query.dto';

interface EmailMessageRow {
  id: string;
  to_address: string;
  template_key: string;
  subject: string;
  status: string;
  attempts: number;
  last_error: string | null;
  provider_message_id: string | null;
  sent_at: Date | null;
  failed_at: Date | null;
  created_at: Date;
  cursor_at: string;
}

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

function toDto(row: EmailMessageRow): EmailMessageDto {
  return {
    id: row.id,
    to: row.to_address,
    templateKey: row.template_key,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    providerMessageId: row.provider_message_id,
    sentAt: iso(row.sent_at),
    failedAt: iso(row.failed_at),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The tenant's email log, newest first, so failures and bounces are visible. */
@Injectable()
export class EmailMessagesService {
  constructor(private readonly db: Db) {}

  async list(query: EmailMessageQueryDto): Promise<Page<EmailMessageDto>> {
    const limit = pageSize(query);
    const params: unknown[] = [this.db.tenantId()];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['tenant_id = $1'];
    if (query.status) where.push(`status = ${param(query.status)}`);
    if (query.template) where.push(`template_key = ${param(query.template)}`);
    const cursor = decodeTimeCursor(query.cursor);
    if (cursor) where.push(`(created_at, id) < (${param(cursor.at)}::timestamptz, ${param(cursor.id)}::uuid)`);
    const rows: EmailMessageRow[] = await this.db.manager().query(
      `select id, to_address, template_key, subject, status, attempts, last_error, provider_message_id, sent_at, failed_at, created_at,
              ${cursorTimestampSql('created_at')} as cursor_at
         from email_messages where ${where.join(' and ')}
        order by created_at desc, id desc limit ${param(limit + 1)}`,
      params,
    );
    const page = toPage(rows, limit, (row) => ({ v: row.cursor_at, id: row.id }));
    return { data: page.data.map(toDto), nextCursor: page.nextCursor };
  }
}
