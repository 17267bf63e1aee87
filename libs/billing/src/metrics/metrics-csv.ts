import { csvRow } from '@app/audit';
import type { BillingMetricsDto } from './metrics.dto';

const HEADER = [
  'month', 'currency', 'mrr_start', 'mrr_end', 'arr', 'new_mrr', 'expansion_mrr', 'contraction_mrr', 'churned_mrr',
  'subscribers_start', 'active_subscribers', 'subscribers_lost', 'arpu', 'logo_churn_rate', 'revenue_churn_rate', 'ltv',
  'trials_ended', 'trials_converted', 'trial_conversion_rate', 'recovered_invoices', 'lost_invoices', 'failed_payment_recovery_rate',
];

/**
 * The metrics as CSV: a header line, then one line per month and currency (oldest first); a month
 * of a tenant without any subscription currency gets one line with an empty currency and zero amounts.
 */
export function metricsCsv(metrics: BillingMetricsDto): string {
  const lines = [csvRow(HEADER)];
  for (const m of metrics.months) {
    const shared = [m.trialsEnded, m.trialsConverted, m.trialConversionRate, m.recoveredInvoices, m.lostInvoices, m.failedPaymentRecoveryRate];
    const currencies = m.currencies.length ? m.currencies : [{ currency: '', mrrStart: 0, mrrEnd: 0, arr: 0, newMrr: 0, expansionMrr: 0, contractionMrr: 0, churnedMrr: 0, subscribersStart: 0, activeSubscribers: 0, subscribersLost: 0, arpu: null, logoChurnRate: null, revenueChurnRate: null, ltv: null }];
    for (const c of currencies) {
      lines.push(csvRow([
        m.month, c.currency, c.mrrStart, c.mrrEnd, c.arr, c.newMrr, c.expansionMrr, c.contractionMrr, c.churnedMrr,
        c.subscribersStart, c.activeSubscribers, c.subscribersLost, c.arpu, c.logoChurnRate, c.revenueChurnRate, c.ltv, ...shared,
      ]));
    }
  }
  return lines.join('');
}
