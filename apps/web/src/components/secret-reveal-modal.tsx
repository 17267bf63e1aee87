import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface SecretRevealModalProps {
  /** Null closes the modal. */
  secret: string | null;
  title: string;
  description?: ReactNode;
  onClose: () => void;
}

/** Shows a secret the server returns only once, with a copy button and a warning that it cannot be shown again. */
export function SecretRevealModal({ secret, title, description, onClose }: SecretRevealModalProps) {
  return (
    <Modal opened={secret !== null} onClose={onClose} title={title} size="lg" closeOnClickOutside={false}>
      <Stack>
        <Alert color="yellow" title="Copy it now">
          This is the only time the secret is shown. Store it somewhere safe; if you lose it, rotate it.
        </Alert>
        {description && <Text size="sm">{description}</Text>}
        <Group wrap="nowrap" gap="xs">
          <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="revealed-secret">
            {secret}
          </Code>
          <CopyButton value={secret ?? ''}>
            {({ copied, copy }) => (
              <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group justify="flex-end">
          <Button onClick={onClose}>I have stored the secret</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
