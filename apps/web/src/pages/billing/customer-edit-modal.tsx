import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useUpdateBillingCustomer, type BillingCustomerDetail, type BillingCustomerUpdate } from '../../api/billing';
import { asProblem, fieldErrors } from '../../api/problem';
import { ProblemAlert } from '../../components/problem-alert';

const FIELDS = ['name', 'email'];
/** The API's bounds (CustomerUpdateDto). */
const NAME_MAX = 200;
const EMAIL_MAX = 254;

/** Edits a customer's name and email; the change goes to Stripe first, then the mirror. */
export function CustomerEditModal({ customer, onClose }: { customer: BillingCustomerDetail; onClose: () => void }) {
  const [name, setName] = useState(customer.name ?? '');
  const [email, setEmail] = useState(customer.email ?? '');
  const update = useUpdateBillingCustomer();
  const errors = fieldErrors(update.error);
  const emailTaken = asProblem(update.error)?.slug === 'customer-email-taken';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Only what changed is sent: Stripe keeps the rest as it is.
    const body: BillingCustomerUpdate = {};
    if (name.trim() !== (customer.name ?? '')) body.name = name.trim();
    if (email.trim() !== (customer.email ?? '')) body.email = email.trim();
    if (Object.keys(body).length === 0) return onClose();
    update.mutate(
      { id: customer.id, ...body },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: `${saved.name ?? saved.email ?? 'The customer'} was saved in Stripe.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title="Edit customer">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" data-autofocus maxLength={NAME_MAX} value={name} error={errors.name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput
            label="Email"
            type="email"
            maxLength={EMAIL_MAX}
            value={email}
            error={errors.email ?? (emailTaken ? 'Another customer has this email.' : undefined)}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          {!emailTaken && <ProblemAlert error={update.error} hideFields={FIELDS} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={update.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save customer
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
