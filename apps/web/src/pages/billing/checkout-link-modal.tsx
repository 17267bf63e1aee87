import { Button, Code, CopyButton, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useCreateCheckoutSession, type BillingPrice, type BillingProduct, type CheckoutSession } from '../../api/billing';
import { fieldErrors } from '../../api/problem';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormat } from '../../components/use-format';
import { priceSummary } from './price-terms';

const FIELDS = ['quantity', 'promotionCode', 'customerEmail', 'successUrl', 'cancelUrl'];

/** Where the buyer lands after Checkout: this product's page, which says how it went. */
const returnUrl = (productId: string, outcome: 'success' | 'canceled') => `${window.location.origin}/billing/products/${productId}?checkout=${outcome}`;

/** A Stripe Checkout link for one active price, to send to a buyer or open yourself. */
export function CheckoutLinkModal({ product, price, onClose }: { product: BillingProduct; price: BillingPrice; onClose: () => void }) {
  const format = useFormat();
  const [quantity, setQuantity] = useState<number | string>(1);
  const [promotionCode, setPromotionCode] = useState('');
  const [customerEmail, setCustomerEmail] = useState('');
  const [successUrl, setSuccessUrl] = useState(() => returnUrl(product.id, 'success'));
  const [cancelUrl, setCancelUrl] = useState(() => returnUrl(product.id, 'canceled'));
  const create = useCreateCheckoutSession();
  const errors = fieldErrors(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      priceId: price.id,
      quantity: typeof quantity === 'number' ? quantity : 1,
      ...(promotionCode.trim() ? { promotionCode: promotionCode.trim() } : {}),
      ...(customerEmail.trim() ? { customerEmail: customerEmail.trim() } : {}),
      successUrl: successUrl.trim(),
      cancelUrl: cancelUrl.trim(),
    });
  };

  return (
    <Modal opened onClose={onClose} title="Checkout link" size="lg">
      <Stack>
        <Text size="sm">
          A Stripe Checkout page for {product.name} at {priceSummary(price, format)}. Stripe's link works for 24 hours.
        </Text>
        {create.data ? (
          <CheckoutLink session={create.data} onAnother={() => create.reset()} onClose={onClose} />
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              <Group grow align="flex-start">
                <NumberInput label="Quantity" min={1} max={100} allowDecimal={false} allowNegative={false} value={quantity} error={errors.quantity} onChange={setQuantity} data-autofocus />
                <TextInput label="Promotion code" description="Optional" maxLength={100} value={promotionCode} error={errors.promotionCode} onChange={(e) => setPromotionCode(e.currentTarget.value)} />
              </Group>
              <TextInput
                label="Customer email"
                description="Optional; empty: the link buys for you"
                type="email"
                maxLength={254}
                value={customerEmail}
                error={errors.customerEmail}
                onChange={(e) => setCustomerEmail(e.currentTarget.value)}
              />
              <TextInput label="Success URL" description="Where the buyer lands after paying" required maxLength={2000} value={successUrl} error={errors.successUrl} onChange={(e) => setSuccessUrl(e.currentTarget.value)} />
              <TextInput label="Cancel URL" description="Where the buyer lands after leaving without paying" required maxLength={2000} value={cancelUrl} error={errors.cancelUrl} onChange={(e) => setCancelUrl(e.currentTarget.value)} />
              <ProblemAlert error={create.error} hideFields={FIELDS} />
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  Cancel
                </Button>
                <Button type="submit" loading={create.isPending}>
                  Create checkout link
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Modal>
  );
}

function CheckoutLink({ session, onAnother, onClose }: { session: CheckoutSession; onAnother: () => void; onClose: () => void }) {
  const format = useFormat();
  return (
    <Stack>
      <Code block style={{ wordBreak: 'break-all' }} data-testid="checkout-url">
        {session.url}
      </Code>
      <Text size="xs" c="dimmed">
        Expires {format.dateTime(session.expiresAt)}.
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onAnother}>
          Another link
        </Button>
        <CopyButton value={session.url}>
          {({ copied, copy }) => (
            <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          )}
        </CopyButton>
        <Button component="a" href={session.url} target="_blank" rel="noopener noreferrer">
          Open
        </Button>
        <Button variant="subtle" onClick={onClose}>
          Done
        </Button>
      </Group>
    </Stack>
  );
}
