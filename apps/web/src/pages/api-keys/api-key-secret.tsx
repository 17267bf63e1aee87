import { Text } from '@mantine/core';
import type { CreatedApiKey } from '@app/api-client';
import { SecretReveal } from '../../components/secret-reveal-modal';

/** The new key's secret, shown once, right after it was created. */
export function ApiKeySecret({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  return (
    <SecretReveal
      secret={created.key}
      warning={{
        title: 'Copy this key now',
        body: "This is the only time the key is shown. We store only a hash of it, so you won't see it again: if you lose it, revoke it and create a new one.",
      }}
      description={<Text size="sm" fw={500} span>{created.name}</Text>}
      copyLabel="Copy key"
      doneLabel="Done"
      onDone={onDone}
      testId="api-key-secret"
    />
  );
}
