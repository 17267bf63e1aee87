import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Button, Group, Paper, SegmentedControl, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { isStripeNotConfigured } from '../../api/billing';
import { useBillingMetrics, useDownloadMetricsCsv, type BillingMetrics, type MetricsRange } from '../../api/billing-metrics';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { QueryView } from '../../components/query-view';
import { useFormat } from '../../components/use-format';
import { StripeNotConfigured } from './stripe-not-configured';

/** The API's bound on one answer. */
const MAX_MONTHS = 24;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthName = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** The current UTC month and the five before it, as the API defaults to. */
function defaultRange(): MetricsRange {
  const now = new Date();
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return { from: monthName(current - 5), to: monthName(current) };
}

/** What is wrong with a typed range, or null. */
function rangeProblem({ from, to }: MetricsRange): string | null {
  if (!MONTH.test(from) || !MONTH.test(to)) return 'Pick a first and a last month.';
  if (monthIndex(from) > monthIndex(to)) return 'The first month must not be after the last.';
  if (monthIndex(to) - monthIndex(from) + 1 > MAX_MONTHS) return `At most ${MAX_MONTHS} months at once.`;
  return null;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

export function BillingDashboardPage() {
  const [typed, setTyped] = useState<MetricsRange>(defaultRange);
  const problem = rangeProblem(typed);
  // The last valid range typed: what is shown while the typed one is not.
  const [range, setRange] = useState<MetricsRange>(typed);
  const change = (next: MetricsRange) => {
    setTyped(next);
    if (!rangeProblem(next)) setRange(next);
  };
  const metrics = useBillingMetrics(range);
  const download = useDownloadMetricsCsv();
  const notConfigured = isStripeNotConfigured(metrics.error);
  return (
    <>
      <PageHeader
        title="Billing dashboard"
        description="Recurring revenue and its movements, subscribers, churn and recovery per month (UTC), computed from the Stripe mirror."
        actions={
          !notConfigured && (
            <Button variant="default" loading={download.isPending} disabled={Boolean(problem)} onClick={() => download.mutate(range)}>
              Download CSV
            </Button>
          )
        }
      />
      {notConfigured ? (
        <StripeNotConfigured />
      ) : (
        <>
          <Group align="flex-start" mb="md">
            <TextInput label="From" type="month" value={typed.from} onChange={(e) => change({ ...typed, from: e.currentTarget.value })} error={problem ?? undefined} w={180} />
            <TextInput label="To" type="month" value={typed.to} onChange={(e) => change({ ...typed, to: e.currentTarget.value })} w={180} />
          </Group>
          <ProblemAlert error={download.error} />
          <QueryView query={metrics}>{(data) => <Dashboard metrics={data} />}</QueryView>
        </>
      )}
    </>
  );
}

function Dashboard({ metrics }: { metrics: BillingMetrics }) {
  const format = useFormat();
  const [chosen, setChosen] = useState<string | null>(null);
  if (!metrics.currencies.length) {
    return <EmptyList title="No subscription revenue in these months" description="The numbers appear once customers have active subscriptions in the months shown." />;
  }
  const currency = chosen && metrics.currencies.includes(chosen) ? chosen : metrics.currencies[0];
  const rows = metrics.months.map((m) => ({ month: m, numbers: m.currencies.find((c) => c.currency === currency)! }));
  const last = rows[rows.length - 1];
  const money = (minor: number | null) => (minor === null ? '—' : format.money(minor, currency));
  const cards: Array<[string, string, string]> = [
    ['MRR', money(last.numbers.mrrEnd), `At the end of ${last.month.month}`],
    ['ARR', money(last.numbers.arr), '12 × MRR'],
    ['Active subscribers', String(last.numbers.activeSubscribers), `${last.numbers.subscribersLost} lost in ${last.month.month}`],
    ['ARPU', money(last.numbers.arpu), 'MRR per subscriber'],
    ['LTV', money(last.numbers.ltv), 'ARPU ÷ logo churn'],
    ['Logo churn', percent(last.numbers.logoChurnRate), 'Subscribers lost in the month'],
    ['Revenue churn', percent(last.numbers.revenueChurnRate), 'Churned and contraction MRR'],
    ['Trial conversion', percent(last.month.trialConversionRate), `${last.month.trialsConverted} of ${last.month.trialsEnded} trials`],
    ['Payment recovery', percent(last.month.failedPaymentRecoveryRate), `${last.month.recoveredInvoices} recovered, ${last.month.lostInvoices} lost`],
  ];
  const valueFormatter = (value: number) => format.money(value, currency);
  return (
    <>
      {metrics.currencies.length > 1 && (
        <SegmentedControl mb="md" aria-label="Currency" value={currency} onChange={setChosen} data={metrics.currencies} />
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} mb="lg">
        {cards.map(([label, value, hint]) => (
          <Paper withBorder p="md" key={label} data-testid="metric-card">
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {label}
            </Text>
            <Text size="xl" fw={700} data-testid={`metric-${label.toLowerCase().replace(/\s+/g, '-')}`}>
              {value}
            </Text>
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Paper withBorder p="md" mb="lg">
        <Title order={2} size="h4" mb="sm">
          MRR over time
        </Title>
        <LineChart
          h={260}
          data={rows.map((r) => ({ month: r.month.month, MRR: r.numbers.mrrEnd }))}
          dataKey="month"
          series={[{ name: 'MRR', color: 'blue.6' }]}
          valueFormatter={valueFormatter}
          curveType="linear"
        />
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          MRR movements
        </Title>
        <BarChart
          h={260}
          type="stacked"
          withLegend
          data={rows.map((r) => ({
            month: r.month.month,
            New: r.numbers.newMrr,
            Expansion: r.numbers.expansionMrr,
            Contraction: -r.numbers.contractionMrr,
            Churned: -r.numbers.churnedMrr,
          }))}
          dataKey="month"
          series={[
            { name: 'New', color: 'teal.6' },
            { name: 'Expansion', color: 'blue.5' },
            { name: 'Contraction', color: 'orange.5' },
            { name: 'Churned', color: 'red.6' },
          ]}
          valueFormatter={valueFormatter}
        />
      </Paper>
    </>
  );
}
