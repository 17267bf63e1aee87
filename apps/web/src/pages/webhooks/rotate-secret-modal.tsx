import { Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/problem';
import { useRotateWebhookSecret, type WebhookEndpointWithSecret } from '../../api/webhooks';
import { ProblemAlert } from '../../components/problem-alert';

interface RotateSecretModalProps {
  endpointId: string;
  onClose: () => void;
  onRotated: (endpoint: WebhookEndpointWithSecret) => void;
}

export function RotateSecretModal({ endpointId, onClose, onRotated }: RotateSecretModalProps) {
  const [overlapHours, setOverlapHours] = useState<number>(24);
  const rotate = useRotateWebhookSecret();
  const errors = fieldErrors(rotate.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    rotate.mutate({ id: endpointId, overlapHours }, { onSuccess: onRotated });
  };

  return (
    <Modal opened onClose={onClose} title="Rotate signing secret">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            A new secret signs every delivery from now on. During the overlap, deliveries also carry a signature made with the old
            secret, so you can update your receiver without dropping events.
          </Text>
          <NumberInput
            label="Overlap"
            suffix=" hours"
            min={0}
            max={72}
            allowDecimal={false}
            value={overlapHours}
            error={errors.overlapHours}
            onChange={(value) => setOverlapHours(typeof value === 'number' ? value : Number(value) || 0)}
          />
          <ProblemAlert error={rotate.error} hideFields={['overlapHours']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="orange" loading={rotate.isPending}>
              Rotate secret
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
