import { Button } from '@mantine/core';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { useInvoiceAction, type BillingInvoiceDetail, type InvoiceAction } from '../../api/billing-invoices';
import { ConfirmMutationModal } from '../../components/confirm-mutation-modal';
import { useFormat } from '../../components/use-format';

interface ActionText {
  label: string;
  title: string;
  message: string;
  success: string;
  danger: boolean;
}

const ACTIONS: Record<InvoiceAction, ActionText> = {
  finalize: { label: 'Finalize', title: 'Finalize invoice', message: 'It gets its number and can no longer be edited. It is not sent or charged by this.', success: 'The invoice was finalized.', danger: false },
  send: { label: 'Send', title: 'Send invoice', message: 'Stripe emails the invoice with its payment page to the customer.', success: 'Stripe sent the invoice.', danger: false },
  pay: { label: 'Pay now', title: 'Collect payment now', message: "Stripe charges the customer's default payment method now.", success: 'The invoice was paid.', danger: false },
  'mark-uncollectible': { label: 'Mark uncollectible', title: 'Mark invoice uncollectible', message: 'It is kept as a bad debt; it can still be paid later.', success: 'The invoice was marked uncollectible.', danger: true },
  void: { label: 'Void', title: 'Void invoice', message: 'It is kept, marked void, and can no longer be paid. This cannot be undone.', success: 'The invoice was voided.', danger: true },
};

/** What Stripe allows in each status (a paid or void invoice takes none). */
function allowed(invoice: BillingInvoiceDetail): InvoiceAction[] {
  if (invoice.status === 'draft') return ['finalize'];
  if (invoice.status === 'open') return [...(invoice.collectionMethod === 'send_invoice' ? (['send'] as const) : []), 'pay', 'mark-uncollectible', 'void'];
  if (invoice.status === 'uncollectible') return ['pay'];
  return [];
}

/** The attempt the open modal confirms: its action and its Idempotency-Key (a retry of the modal sends the same one). */
interface Attempt {
  action: InvoiceAction;
  idempotencyKey: string;
}

export function InvoiceActions({ invoice }: { invoice: BillingInvoiceDetail }) {
  const format = useFormat();
  const mutation = useInvoiceAction();
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const amount = format.money(invoice.amountRemaining, invoice.currency);
  return (
    <>
      {allowed(invoice).map((action) => (
        <Button
          key={action}
          variant={ACTIONS[action].danger ? 'outline' : 'default'}
          color={ACTIONS[action].danger ? 'red' : undefined}
          onClick={() => setAttempt({ action, idempotencyKey: newIdempotencyKey() })}
        >
          {ACTIONS[action].label}
        </Button>
      ))}
      <ConfirmMutationModal
        target={attempt}
        mutation={mutation}
        variables={(target) => ({ id: invoice.id, ...target })}
        title={attempt ? ACTIONS[attempt.action].title : ''}
        message={(target) => (target.action === 'pay' ? `${ACTIONS.pay.message} Amount: ${amount}.` : ACTIONS[target.action].message)}
        confirmLabel={attempt ? ACTIONS[attempt.action].label : ''}
        success={(target) => ACTIONS[target.action].success}
        danger={attempt ? ACTIONS[attempt.action].danger : false}
        onClose={() => setAttempt(null)}
      />
    </>
  );
}
