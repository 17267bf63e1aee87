import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email jobs carry ids only: the email_messages row keeps what the worker renders from, sealed
 * (the template variables, and for a test send the template itself), until the message is sent or
 * has failed for good. Old queued jobs and their outbox rows and dead letters lose the rendered
 * content they carried (links with tokens among it), and subjects already logged lose their links.
 */
export class EmailMessageSealedContent1764200000000 implements MigrationInterface {
  name = 'EmailMessageSealedContent1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table email_messages add column variables_sealed text, add column template_sealed text;

      update outbox set payload = jsonb_strip_nulls(jsonb_build_object('tenantId', payload->'tenantId', 'emailMessageId', payload->'emailMessageId'))
       where job_name = 'email.send';
      update dead_letters set payload = jsonb_strip_nulls(jsonb_build_object('tenantId', payload->'tenantId', 'emailMessageId', payload->'emailMessageId'))
       where job_name = 'email.send';
      update email_messages set subject = regexp_replace(subject, 'https?://[^[:space:]]*token=[^[:space:]]*', '[link hidden]', 'g')
       where subject like '%token=%';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table email_messages drop column if exists variables_sealed, drop column if exists template_sealed`);
  }
}
