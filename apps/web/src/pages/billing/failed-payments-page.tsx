import { Anchor, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { isStripeNotConfigured } from '../../api/billing';
import { type FailedPayment, type FailedPaymentStats, REMINDER_TEMPLATES, type ReminderTemplate, useFailedPayments, useSendReminder } from '../../api/billing-dunning';
import { useSession } from '../../auth/use-session';
import { DebouncedSearch } from '../../components/debounced-search';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormat } from '../../components/use-format';
import { StripeNotConfigured } from './stripe-not-configured';

/** The API's bound on the search (FailedPaymentQueryDto). */
const SEARCH_MAX = 200;

function RecoveryCards({ stats }: { stats: FailedPaymentStats }) {
  const format = useFormat();
  const card = (label: string, testId: string, lines: string[]) => (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {lines.map((line) => (
        <Text fw={600} size="lg" key={line}>
          {line}
        </Text>
      ))}
    </Paper>
  );
  const amounts = (list: FailedPaymentStats['failingAmount']) => list.map((a) => format.money(a.amount, a.currency));
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} mb="md">
      {card('Failing', 'stat-failing', [String(stats.failing), ...amounts(stats.failingAmount)])}
      {card('Recovered (30 days)', 'stat-recovered', [String(stats.recovered30d), ...amounts(stats.recoveredAmount30d)])}
      {card('Lost (30 days)', 'stat-lost', [String(stats.lost30d)])}
      {card('Recovery rate (30 days)', 'stat-recovery-rate', [stats.recoveryRate30d === null ? '—' : `${Math.round(stats.recoveryRate30d * 1000) / 10}%`])}
    </SimpleGrid>
  );
}

function ReminderModal({ payment, onClose }: { payment: FailedPayment; onClose: () => void }) {
  const [template, setTemplate] = useState<ReminderTemplate>('payment-failed');
  const send = useSendReminder();
  const confirm = () =>
    send.mutate(
      { invoiceId: payment.invoiceId, template },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `Reminder sent to ${payment.customerEmail ?? 'the customer'}` });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title="Send a payment reminder" centered>
      <Stack>
        <Text size="sm">
          The email goes to {payment.customerEmail ?? 'the customer'} with a link to pay invoice {payment.invoiceNumber ?? payment.invoiceStripeId} with another card. Its text
          is the template of the same name (Email templates).
        </Text>
        <Select label="Template" data={REMINDER_TEMPLATES.map((t) => ({ value: t.value, label: t.label }))} value={template} onChange={(v) => v && setTemplate(v as ReminderTemplate)} allowDeselect={false} />
        <ProblemAlert error={send.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={send.isPending}>
            Close
          </Button>
          <Button onClick={confirm} loading={send.isPending}>
            Send reminder
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function FailedPaymentsPage() {
  const [search, setSearch] = useState('');
  const payments = useFailedPayments(search);
  const format = useFormat();
  const { can } = useSession();
  const [reminding, setReminding] = useState<FailedPayment | null>(null);
  const stats = payments.data?.pages[0]?.stats;
  return (
    <>
      <PageHeader title="Failed payments" description="Open invoices whose automatic payment failed: why, when Stripe retries, and reminders to the customer." />
      {isStripeNotConfigured(payments.error) ? (
        <StripeNotConfigured />
      ) : (
        <>
          {stats && <RecoveryCards stats={stats} />}
          <Group align="flex-end" mb="md">
            <DebouncedSearch label="Search" placeholder="Customer name, email or invoice number" maxLength={SEARCH_MAX} value={search} onChange={setSearch} />
          </Group>
          <PagedTable
            query={payments}
            minWidth={980}
            empty={
              search ? (
                <EmptyList title="No failed payment matches this search" description="Try another name, email or number." />
              ) : (
                <EmptyList title="No failed payments" description="An invoice appears here when Stripe could not collect it and it is still open." />
              )
            }
            head={
              <>
                <Table.Th>Invoice</Table.Th>
                <Table.Th>Customer</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Next retry</Table.Th>
                <Table.Th>Decline</Table.Th>
                <Table.Th>Reminders</Table.Th>
                {can('billing:write') && <Table.Th>Actions</Table.Th>}
              </>
            }
            row={(payment: FailedPayment) => (
              <Table.Tr key={payment.invoiceId} data-testid="failed-payment-row">
                <Table.Td>
                  <Anchor component={Link} to={`/billing/invoices/${payment.invoiceId}`} size="sm">
                    {payment.invoiceNumber ?? payment.invoiceStripeId}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{payment.customerName ?? payment.customerEmail ?? '—'}</Text>
                  {payment.accessSuspendedAt && (
                    <Text size="xs" c="red" data-testid="access-suspended">
                      Access suspended since {format.date(payment.accessSuspendedAt)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{format.money(payment.amountDue, payment.currency)}</Table.Td>
                <Table.Td>{payment.attemptCount}</Table.Td>
                <Table.Td>{payment.nextPaymentAttempt ? format.dateTime(payment.nextPaymentAttempt) : 'None scheduled'}</Table.Td>
                <Table.Td>
                  <Text size="sm">{payment.declineMessage ?? payment.declineCode ?? '—'}</Text>
                  {payment.card && (
                    <Text size="xs" c="dimmed">
                      {payment.card.brand} ···· {payment.card.last4}
                      {payment.card.expMonth && payment.card.expYear ? ` (${String(payment.card.expMonth).padStart(2, '0')}/${payment.card.expYear})` : ''}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td data-testid="reminders">
                  {payment.remindersSent === 0 ? 'None' : `${payment.remindersSent} · last ${format.dateTime(payment.lastReminderAt)}`}
                </Table.Td>
                {can('billing:write') && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="light" onClick={() => setReminding(payment)} disabled={!payment.customerEmail}>
                        Send reminder
                      </Button>
                      <Button size="xs" variant="subtle" component={Link} to={`/billing/invoices/${payment.invoiceId}`}>
                        Retry now
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            )}
          />
          {reminding && <ReminderModal payment={reminding} onClose={() => setReminding(null)} />}
        </>
      )}
    </>
  );
}
