import { Button, Stack } from '@mantine/core';
import { ProblemAlert } from './problem-alert';

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Stack align="flex-start" py="md">
      <ProblemAlert error={error} />
      {onRetry && (
        <Button variant="light" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Stack>
  );
}
