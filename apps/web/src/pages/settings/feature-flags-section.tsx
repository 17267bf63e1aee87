import { Paper, Title } from '@mantine/core';
import { useFeatureFlags, useSetFeatureFlag } from '../../api/feature-flags';
import { useSession } from '../../auth/use-session';
import { FeatureFlagTable } from '../../components/feature-flag-table';
import { QueryView } from '../../components/query-view';

export function FeatureFlagsSection() {
  const { can } = useSession();
  const flags = useFeatureFlags();
  const set = useSetFeatureFlag();
  return (
    <Paper withBorder p="lg" data-testid="feature-flags-section">
      <Title order={2} size="h4" mb="sm">
        Features
      </Title>
      <QueryView query={flags}>
        {(rows) => (
          <FeatureFlagTable
            rows={rows.map((flag) => ({ key: flag.key, description: flag.description, inherited: flag.default, chosen: flag.override, effective: flag.enabled }))}
            inheritedLabel="Platform default"
            readOnly={!can('features:write')}
            pendingKey={set.isPending ? set.variables.key : null}
            error={set.error}
            onSet={(key, enabled) => set.mutate({ key, enabled })}
          />
        )}
      </QueryView>
    </Paper>
  );
}
