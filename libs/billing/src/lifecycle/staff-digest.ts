import { Injectable } from '@nestjs/common';
import { formatMoney } from '@app/core';
import { Db } from '@app/database';
import { EmailService } from '@app/email';
import { JobName, runSingleton } from '@app/queue';

type Row = Record<string, any>;

/** Rows listed per section (the counts cover everything). */
export const DIGEST_ROWS = 20;

/** Role permission patterns that grant billing:read (see libs/rbac permissions: `*`, `resource:*`, `*:action`). */
const GRANTS_BILLING_READ = `array['*', '*:*', '*:read', 'billing:*', 'billing:read']`;

/** Each section: its rows for tenant $1 (newest relevant first), with `total` = the count of all of them. */
const SECTIONS = {
  trials: `select s.id, c.email, c.name, s.trial_end as at, count(*) over () as total
      from billing_subscriptions s left join billing_customers c on c.tenant_id = s.tenant_id and c.stripe_account = s.stripe_account and c.stripe_id = s.customer
     where s.tenant_id = $1 and s.status = 'trialing' and s.trial_end > now() and s.trial_end <= now() + interval '3 days'
     order by s.trial_end, s.id limit ${DIGEST_ROWS}`,
  cancellations: `select s.id, c.email, c.name, coalesce(s.cancel_at, s.current_period_end) as at, count(*) over () as total
      from billing_subscriptions s left join billing_customers c on c.tenant_id = s.tenant_id and c.stripe_account = s.stripe_account and c.stripe_id = s.customer
     where s.tenant_id = $1 and s.status <> 'canceled' and (s.cancel_at_period_end or s.cancel_at is not null) and s.canceled_at >= now() - interval '24 hours'
     order by s.canceled_at desc, s.id limit ${DIGEST_ROWS}`,
  failures: `select i.id, c.email, c.name, i.amount_remaining as amount, i.currency, i.attempt_count, count(*) over () as total
      from billing_invoices i left join billing_customers c on c.tenant_id = i.tenant_id and c.stripe_account = i.stripe_account and c.stripe_id = i.customer
     where i.tenant_id = $1 and i.status = 'open' and i.attempt_count > 0 and i.stripe_updated_at >= now() - interval '24 hours'
     order by i.stripe_updated_at desc, i.id limit ${DIGEST_ROWS}`,
} as const;

/**
 * The staff daily digest (settings.billingEmails.staffDigest): to each active member holding billing:read,
 * the `billing-staff-digest` email with trials ending in the next 3 days, cancellations requested (cancel
 * at period end or at a date, asked in the last 24 h) and failed payments (open invoices with a failed
 * attempt whose latest Stripe state is from the last 24 h): counts, up to DIGEST_ROWS rows each with a link
 * into the SPA. Nothing to report: no email. Once per business and UTC day (billing_staff_digests).
 */
@Injectable()
export class StaffDigest {
  constructor(
    private readonly db: Db,
    private readonly email: EmailService,
  ) {}

  /** Returns how many digests were queued. */
  async run(now = new Date()): Promise<number> {
    const day = now.toISOString().slice(0, 10);
    let sent = 0;
    await runSingleton(this.db, JobName.BillingStaffDigest, async () => {
      await this.db.crossTenant();
      const tenants = await this.db.query<{ id: string; name: string; timezone: string | null }>(
        `select t.id, t.name, t.settings->>'timezone' as timezone from tenants t
          where t.status = 'active' and (t.settings #>> '{billingEmails,staffDigest}')::boolean is true
            and not exists (select 1 from billing_staff_digests d where d.tenant_id = t.id and d.day = $1::date)
          order by t.id`,
        [day],
      );
      for (const tenant of tenants) {
        await this.db.bindTenant(tenant.id);
        sent += await this.forTenant(tenant, day);
      }
    });
    return sent;
  }

  private async forTenant(tenant: { id: string; name: string; timezone: string | null }, day: string): Promise<number> {
    const trials = await this.db.query<Row>(SECTIONS.trials, [tenant.id]);
    const cancellations = await this.db.query<Row>(SECTIONS.cancellations, [tenant.id]);
    const failures = await this.db.query<Row>(SECTIONS.failures, [tenant.id]);
    const count = (rows: Row[]) => Number(rows[0]?.total ?? 0);
    if (!count(trials) && !count(cancellations) && !count(failures)) return 0;
    const [claimed] = await this.db.query(`insert into billing_staff_digests (tenant_id, day) values ($1, $2::date) on conflict do nothing returning day`, [tenant.id, day]);
    if (!claimed) return 0;
    const staff = await this.db.query<{ email: string; name: string | null }>(
      `select distinct u.email, u.name
         from memberships m
         join membership_roles mr on mr.tenant_id = m.tenant_id and mr.membership_id = m.id
         join roles r on r.tenant_id = mr.tenant_id and r.id = mr.role_id and r.permissions && ${GRANTS_BILLING_READ}
         join users u on u.id = m.user_id
        where m.tenant_id = $1 and m.active
        order by u.email`,
      [tenant.id],
    );
    const date = (value: Date | null) => (value ? new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: tenant.timezone ?? 'UTC' }).format(new Date(value)) : '');
    const who = (r: Row) => (r.name && r.email ? `${r.name} <${r.email}>` : (r.email ?? r.name ?? 'unknown customer'));
    const list = (rows: Row[], line: (r: Row) => string) => {
      const lines = rows.map((r) => `- ${line(r)}`);
      if (count(rows) > rows.length) lines.push(`… and ${count(rows) - rows.length} more`);
      return lines.join('\n') || '- none';
    };
    const variables = {
      tenantName: tenant.name,
      trialsEnding: String(count(trials)),
      trialsList: list(trials, (r) => `${who(r)}: trial ends ${date(r.at)} ${this.email.link(`/billing/subscriptions/${r.id}`)}`),
      cancellations: String(count(cancellations)),
      cancellationsList: list(cancellations, (r) => `${who(r)}: ends ${date(r.at)} ${this.email.link(`/billing/subscriptions/${r.id}`)}`),
      failedPayments: String(count(failures)),
      failedPaymentsList: list(failures, (r) => `${who(r)}: ${formatMoney(Number(r.amount), r.currency)}, ${r.attempt_count} attempt${r.attempt_count === 1 ? '' : 's'} ${this.email.link(`/billing/invoices/${r.id}`)}`),
      link: this.email.link('/billing/failed-payments'),
    };
    for (const member of staff) await this.email.send(member.email, 'billing-staff-digest', { ...variables, name: member.name ?? member.email }, tenant.id);
    await this.db.query(`update billing_staff_digests set recipients = $3 where tenant_id = $1 and day = $2::date`, [tenant.id, day, staff.length]);
    return staff.length;
  }
}
