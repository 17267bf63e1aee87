import { Alert, Button, List, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useReplayDeadLetters, type DeadLetterSummary, type ReplayResult } from '../../api/dead-letters';
import { ProblemAlert } from '../../components/problem-alert';
import { SelectionBar } from '../../components/selection-bar';
import type { RowSelection } from '../../components/use-row-selection';

interface Props {
  selection: RowSelection;
  /** The rows on screen, to name the job of each failed result. */
  rows: readonly DeadLetterSummary[];
}

/** "Replay selected" and, after it, which of them could not be replayed and why. */
export function ReplaySelected({ selection, rows }: Props) {
  const replay = useReplayDeadLetters();
  const [failed, setFailed] = useState<ReplayResult[]>([]);
  const jobOf = (id: string) => rows.find((row) => row.id === id)?.jobName ?? 'dead letter';

  const run = () =>
    replay.mutate([...selection.selected], {
      onSuccess: ({ results }) => {
        const failures = results.filter((result) => !result.ok);
        const replayed = results.length - failures.length;
        setFailed(failures);
        if (replayed > 0) notifications.show({ color: 'green', message: `${replayed} dead letter(s) queued again.` });
        selection.clear();
      },
    });

  return (
    <>
      <SelectionBar count={selection.selected.size} onClear={selection.clear}>
        <Button size="xs" loading={replay.isPending} onClick={run}>
          Replay selected
        </Button>
      </SelectionBar>
      <ProblemAlert error={replay.error} />
      {failed.length > 0 && (
        <Alert
          color="orange"
          mb="md"
          title={`${failed.length} could not be replayed`}
          data-testid="replay-failures"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setFailed([])}
        >
          <List size="sm">
            {failed.map((result) => (
              <List.Item key={result.id}>
                <Text span ff="monospace" size="sm">
                  {jobOf(result.id)} {result.id.slice(0, 8)}
                </Text>
                : {result.detail ?? result.error}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </>
  );
}
