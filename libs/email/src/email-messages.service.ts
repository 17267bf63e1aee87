import { Injectable } from '@nestjs/common';
import { cursorTimestampSql, isoOrNull, NewestFirstQuery, type Page } from '@app/core';
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
    sentAt: isoOrNull(row.sent_at),
    failedAt: isoOrNull(row.failed_at),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The tenant's email log, newest first, so failures and bounces are visible. */
@Injectable()
export class EmailMessagesService {
  constructor(private readonly db: Db) {}

  async list(query: EmailMessageQueryDto): Promise<Page<EmailMessageDto>> {
    const list = new NewestFirstQuery('');
    list.where(`tenant_id = ${list.param(this.db.tenantId())}`);
    if (query.status) list.where(`status = ${list.param(query.status)}`);
    if (query.template) list.where(`template_key = ${list.param(query.template)}`);
    const page = await list.page<EmailMessageRow>(
      `select id, to_address, template_key, subject, status, attempts, last_error, provider_message_id, sent_at, failed_at, created_at,
              ${cursorTimestampSql('created_at')} as cursor_at
         from email_messages`,
      query,
      (sql, params) => this.db.query(sql, params),
    );
    return { data: page.data.map(toDto), nextCursor: page.nextCursor };
  }
}
