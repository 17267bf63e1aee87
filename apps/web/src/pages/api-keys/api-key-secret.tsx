import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import type { CreatedApiKey } from '@app/api-client';

/** The new key's secret, shown once, right after it was created. */
export function ApiKeySecret({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  return (
    <Stack>
      <Alert color="yellow" title="Copy this key now" role="alert">
        This is the only time the key is shown. We store only a hash of it, so you won't see it again: if you lose it,
        revoke it and create a new one.
      </Alert>
      <Text size="sm" fw={500}>
        {created.name}
      </Text>
      <Code block data-testid="api-key-secret" style={{ wordBreak: 'break-all' }}>
        {created.key}
      </Code>
      <Group justify="flex-end">
        <CopyButton value={created.key}>
          {({ copied, copy }) => (
            <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? 'Copied' : 'Copy key'}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
