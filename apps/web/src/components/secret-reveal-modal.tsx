import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface SecretRevealProps {
  secret: string;
  /** Title and text of the warning that the secret is shown only this once. */
  warning: { title: string; body: ReactNode };
  description?: ReactNode;
  copyLabel?: string;
  doneLabel: string;
  onDone: () => void;
  testId: string;
}

/** A secret the server returns only once, with a copy button and a warning that it cannot be shown again. */
export function SecretReveal({ secret, warning, description, copyLabel = 'Copy', doneLabel, onDone, testId }: SecretRevealProps) {
  return (
    <Stack>
      <Alert color="yellow" title={warning.title} role="alert">
        {warning.body}
      </Alert>
      {description && <Text size="sm">{description}</Text>}
      <Code block style={{ wordBreak: 'break-all' }} data-testid={testId}>
        {secret}
      </Code>
      <Group justify="flex-end">
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? 'Copied' : copyLabel}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>{doneLabel}</Button>
      </Group>
    </Stack>
  );
}

interface SecretRevealModalProps {
  /** Null closes the modal. */
  secret: string | null;
  title: string;
  description?: ReactNode;
  onClose: () => void;
}

/** SecretReveal in a modal that a stray click outside cannot close. */
export function SecretRevealModal({ secret, title, description, onClose }: SecretRevealModalProps) {
  return (
    <Modal opened={secret !== null} onClose={onClose} title={title} size="lg" closeOnClickOutside={false}>
      {secret !== null && (
        <SecretReveal
          secret={secret}
          warning={{ title: 'Copy it now', body: 'This is the only time the secret is shown. Store it somewhere safe; if you lose it, rotate it.' }}
          description={description}
          doneLabel="I have stored the secret"
          onDone={onClose}
          testId="revealed-secret"
        />
      )}
    </Modal>
  );
}
