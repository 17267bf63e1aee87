import { Button, Group, Modal, Paper, SegmentedControl, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { BillingCustomerDetail } from '../../api/billing';
import { useAdjustBalance, useBalanceTransactions, type BalanceAdjustment, type BalanceTransaction } from '../../api/billing-credits';
import { useAttemptKey } from '../../api/use-attempt-key';
import { useSession } from '../../auth/use-session';
import { EmptyList } from '../../components/empty-list';
import { minorUnits } from '../../components/format';
import { PagedTable } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormat } from '../../components/use-format';

/** The API's bounds (BalanceAdjustmentDto). */
const REASON_MAX = 350;
const AMOUNT_MAX = 99_999_999;

const TYPE_LABELS: Record<string, string> = {
  adjustment: 'Adjustment',
  applied_to_invoice: 'Applied to an invoice',
  credit_note: 'Credit note',
  invoice_overpaid: 'Invoice overpaid',
  invoice_too_large: 'Invoice too large',
  invoice_too_small: 'Invoice too small',
  initial: 'Starting balance',
  unspent_receiver_credit: 'Unspent credit',
};

/** A balance in Stripe's sign (negative: credit the customer has) in staff's words. */
export function balanceText(balance: number, money: (minor: number) => string): string {
  if (balance < 0) return `${money(-balance)} credit available`;
  if (balance > 0) return `${money(balance)} owed, added to the next invoice`;
  return 'No balance';
}

function AdjustBalanceModal({ customer, currency, onClose }: { customer: BillingCustomerDetail; currency: string; onClose: () => void }) {
  const format = useFormat();
  const [kind, setKind] = useState<BalanceAdjustment['kind']>('credit');
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const adjust = useAdjustBalance(customer.id);
  const amount = minorUnits(typed, currency);
  const amountError =
    typed.trim() === '' ? undefined : amount === null ? `Not an amount in ${currency}` : amount === 0 ? 'Enter more than nothing.' : amount > AMOUNT_MAX ? `At most ${format.money(AMOUNT_MAX, currency)}.` : undefined;
  const adjustment: BalanceAdjustment | null = amount !== null && amount > 0 && amount <= AMOUNT_MAX && reason.trim() !== '' ? { kind, amount, currency, reason: reason.trim() } : null;
  const idempotencyKey = useAttemptKey(adjustment);
  const confirm = () =>
    adjustment &&
    adjust.mutate(
      { adjustment, idempotencyKey },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: kind === 'credit' ? `Added ${format.money(adjustment.amount, currency)} of credit.` : `Removed ${format.money(adjustment.amount, currency)} of credit.` });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title="Adjust credit balance" centered>
      <Stack>
        <Text size="sm">Now: {balanceText(customer.balance, (minor) => format.money(minor, currency))}.</Text>
        <SegmentedControl
          aria-label="Adjustment"
          value={kind}
          onChange={(value) => setKind(value as BalanceAdjustment['kind'])}
          data={[
            { value: 'credit', label: 'Add credit' },
            { value: 'debit', label: 'Remove credit' },
          ]}
        />
        <Text size="xs" c="dimmed">
          {kind === 'credit' ? 'The customer owes less: Stripe takes the credit off their next invoices.' : 'The customer owes more: Stripe adds it to their next invoice.'}
        </Text>
        <TextInput label="Amount" required inputMode="decimal" autoComplete="off" data-autofocus description={`In ${currency}`} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} error={amountError} />
        <Textarea label="Reason" required description="Kept in Stripe and in the audit log." maxLength={REASON_MAX} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <ProblemAlert error={adjust.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={adjust.isPending}>
            Close
          </Button>
          <Button onClick={confirm} loading={adjust.isPending} disabled={!adjustment}>
            {kind === 'credit' ? 'Add credit' : 'Remove credit'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The customer's credit balance and its history from Stripe; staff with billing:write add or remove credit. */
export function CustomerCredits({ customer }: { customer: BillingCustomerDetail }) {
  const { can, activeTenant } = useSession();
  const format = useFormat();
  const history = useBalanceTransactions(customer.id);
  const [adjusting, setAdjusting] = useState(false);
  const currency = (customer.currency ?? activeTenant?.defaultCurrency ?? 'EUR').toUpperCase();
  const money = (minor: number, code = currency) => format.money(minor, code);
  const balance = history.data?.pages[0]?.balance ?? customer.balance;
  return (
    <section aria-labelledby="customer-credits">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="customer-credits">
          Credit balance
        </Title>
        {can('billing:write') && !customer.deleted && (
          <Button variant="default" onClick={() => setAdjusting(true)}>
            Add or remove credit
          </Button>
        )}
      </Group>
      <Paper withBorder p="md" mb="sm">
        <Text fw={600} data-testid="customer-balance">
          {balanceText(balance, money)}
        </Text>
      </Paper>
      <PagedTable
        query={history}
        minWidth={720}
        empty={<EmptyList title="No balance changes" description="Credits, debits and what was applied to invoices appear here." />}
        head={
          <>
            <Table.Th>Change</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Balance after</Table.Th>
            <Table.Th>When</Table.Th>
          </>
        }
        row={(transaction: BalanceTransaction) => (
          <Table.Tr key={transaction.stripeId} data-testid="balance-transaction">
            {/* Stripe's sign is the customer's debt: a credit (negative) is shown as money given to them. */}
            <Table.Td>{transaction.amount < 0 ? `+${money(-transaction.amount, transaction.currency)} credit` : `−${money(transaction.amount, transaction.currency)} credit`}</Table.Td>
            <Table.Td>{TYPE_LABELS[transaction.type] ?? transaction.type}</Table.Td>
            <Table.Td>
              <Text size="sm">{transaction.description ?? transaction.invoiceStripeId ?? '—'}</Text>
            </Table.Td>
            <Table.Td>{balanceText(transaction.endingBalance, (minor) => money(minor, transaction.currency))}</Table.Td>
            <Table.Td>{format.dateTime(transaction.createdAt)}</Table.Td>
          </Table.Tr>
        )}
      />
      {adjusting && <AdjustBalanceModal customer={customer} currency={currency} onClose={() => setAdjusting(false)} />}
    </section>
  );
}
