import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import type { AdminTenant } from '@app/api-client';
import { useRejectTenant, useSuspendTenant } from '../../api/admin-tenants';
import { fieldErrors } from '../../api/problem';
import { ProblemAlert } from '../../components/problem-alert';

const COPY = {
  reject: { title: 'Reject', button: 'Reject tenant', required: true, done: 'rejected', hint: 'The owner is told the reason.' },
  suspend: { title: 'Suspend', button: 'Suspend tenant', required: false, done: 'suspended', hint: 'Its members lose access until it is activated again.' },
};

/** Reject (reason required) or suspend (reason optional) a tenant. */
export function TenantReasonModal({ tenant, mode, onClose }: { tenant: AdminTenant; mode: 'reject' | 'suspend'; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const reject = useRejectTenant();
  const suspend = useSuspendTenant();
  const mutation = mode === 'reject' ? reject : suspend;
  const copy = COPY[mode];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(
      { id: tenant.id, reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `${tenant.name} was ${copy.done}.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={`${copy.title} ${tenant.name}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {copy.hint} Owner: {tenant.ownerEmail ?? 'unknown'}.
          </Text>
          <Textarea
            label={copy.required ? 'Reason' : 'Reason (optional)'}
            required={copy.required}
            autosize
            minRows={3}
            data-autofocus
            value={reason}
            error={fieldErrors(mutation.error).reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <ProblemAlert error={mutation.error} hideFields={['reason']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={mutation.isPending} disabled={copy.required && !reason.trim()}>
              {copy.button}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
