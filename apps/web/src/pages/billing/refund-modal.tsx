import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { awaitsApproval, REFUND_REASONS, useRefundPayment, useRefundQuote, type BillingPaymentDetail, type RefundQuote, type RefundReason } from '../../api/billing-payments';
import { asProblem } from '../../api/problem';
import { useAttemptKey } from '../../api/use-attempt-key';
import { ErrorState } from '../../components/error-state';
import { majorUnits, minorUnits } from '../../components/format';
import { LoadingState } from '../../components/loading-state';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormat } from '../../components/use-format';

/** The API's bound on the note (CreateRefundDto). */
const NOTE_MAX = 500;

/** Why the form starts at its amount, in the business's refund policy's words. */
function policyText(quote: RefundQuote, money: (minor: number) => string, date: (value: string | null) => string): string {
  if (quote.reason === 'outside-window') return `The payment is older than the refund window (${quote.windowDays} days): the policy suggests no refund.`;
  if (quote.reason === 'prorated') return `Prorated: the unused part of the paid period ${date(quote.periodStart)} – ${date(quote.periodEnd)}, ${money(quote.suggested)}.`;
  return `Within the refund window (${quote.windowDays} days): the policy suggests everything left, ${money(quote.suggested)}.`;
}

export function RefundModal({ payment, onClose }: { payment: BillingPaymentDetail; onClose: () => void }) {
  const quote = useRefundQuote(payment.id);
  return (
    <Modal opened onClose={onClose} title="Refund payment" centered>
      {quote.isPending && <LoadingState />}
      {quote.isError && <ErrorState error={quote.error} onRetry={() => quote.refetch()} />}
      {quote.isSuccess && <RefundForm payment={payment} quote={quote.data} onClose={onClose} />}
    </Modal>
  );
}

function RefundForm({ payment, quote, onClose }: { payment: BillingPaymentDetail; quote: RefundQuote; onClose: () => void }) {
  const format = useFormat();
  const money = (minor: number) => format.money(minor, quote.currency);
  const [typed, setTyped] = useState(() => (quote.suggested > 0 ? majorUnits(quote.suggested, quote.currency) : ''));
  const [reason, setReason] = useState<RefundReason>('requested_by_customer');
  const [note, setNote] = useState('');
  const refund = useRefundPayment();
  const amount = minorUnits(typed, quote.currency);
  const tooMuch = amount !== null && amount > quote.refundable;
  const valid = amount !== null && amount > 0 && !tooMuch;
  const request = valid ? { amount, reason, note: note.trim() || undefined } : null;
  const idempotencyKey = useAttemptKey(request);
  const needsApproval = valid && quote.approvalThreshold !== null && amount > quote.approvalThreshold;
  let amountError: string | undefined;
  if (typed.trim() !== '' && amount === null) amountError = `Not an amount in ${quote.currency}`;
  else if (amount === 0) amountError = 'Refund more than nothing.';
  else if (tooMuch) amountError = `At most ${money(quote.refundable)} is left to refund.`;

  const confirm = () =>
    request &&
    refund.mutate(
      { paymentId: payment.id, refund: request, idempotencyKey },
      {
        onSuccess: (outcome) => {
          notifications.show(
            awaitsApproval(outcome)
              ? { color: 'yellow', message: `The refund of ${money(outcome.amount)} awaits approval by a second staff member.` }
              : { color: 'green', message: `Refunded ${money(outcome.amount)}.` },
          );
          onClose();
        },
      },
    );
  return (
    <Stack>
      <Text size="sm" data-testid="refund-policy">
        {policyText(quote, money, format.date)}
      </Text>
      <TextInput
        label="Amount"
        required
        inputMode="decimal"
        autoComplete="off"
        data-autofocus
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        description={`${money(quote.refundable)} left to refund`}
        error={amountError}
      />
      <Select label="Reason" data={REFUND_REASONS} value={reason} onChange={(value) => value && setReason(value as RefundReason)} allowDeselect={false} />
      <Textarea label="Note" description="Kept here for staff; not sent to Stripe or the customer." maxLength={NOTE_MAX} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      {needsApproval && (
        <Alert color="yellow" data-testid="refund-needs-approval">
          Above {money(quote.approvalThreshold ?? 0)} a refund needs a second staff member: it waits for their approval and is sent to Stripe then.
        </Alert>
      )}
      {asProblem(refund.error)?.slug === 'refund-exceeds-refundable' ? (
        // The payment changed since the form opened (another refund): the quote is read again and says what is left.
        <Alert color="red" role="alert" title="Not refunded" data-testid="refund-exceeds">
          Only {money(quote.refundable)} is left to refund now: another refund was made meanwhile.
        </Alert>
      ) : (
        <ProblemAlert error={refund.error} />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={refund.isPending}>
          Close
        </Button>
        <Button color="red" onClick={confirm} loading={refund.isPending} disabled={!valid}>
          {needsApproval ? 'Request refund' : 'Refund'}
        </Button>
      </Group>
    </Stack>
  );
}
