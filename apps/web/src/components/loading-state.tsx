import { Center, Loader, VisuallyHidden } from '@mantine/core';

/** A spinner that screen readers announce (polite status) with its label. */
export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite" aria-busy="true">
      <Loader aria-hidden="true" />
      <VisuallyHidden>{label}</VisuallyHidden>
    </Center>
  );
}
