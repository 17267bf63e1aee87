import { Paper, Stack, Title } from '@mantine/core';
import { usePlatformIntegrationStatus } from '../../api/integrations';
import { usePlatformFeatureFlags, usePlatformSettings, useSetPlatformFeatureFlag } from '../../api/platform-settings';
import { useSession } from '../../auth/use-session';
import { FeatureFlagTable } from '../../components/feature-flag-table';
import { IntegrationStatusPanel } from '../../components/integration-status-panel';
import { PageHeader } from '../../components/page-header';
import { QueryView } from '../../components/query-view';
import { PlatformSettingsForm } from './platform-settings-form';

export function PlatformSettingsPage() {
  const { can } = useSession();
  const readOnly = !can('platform.settings:write');
  const settings = usePlatformSettings();
  const flags = usePlatformFeatureFlags();
  const setFlag = useSetPlatformFeatureFlag();
  const integrations = usePlatformIntegrationStatus();
  return (
    <>
      <PageHeader title="Platform settings" description="Defaults every tenant starts with." />
      <Stack gap="xl">
        <QueryView query={settings}>{(data) => <PlatformSettingsForm key={data.updatedAt ?? 'initial'} settings={data} readOnly={readOnly} />}</QueryView>
        <Paper withBorder p="lg" data-testid="platform-feature-flags">
          <Title order={2} size="h4" mb="sm">
            Feature defaults
          </Title>
          <QueryView query={flags}>
            {(rows) => (
              <FeatureFlagTable
                rows={rows.map((flag) => ({ key: flag.key, description: flag.description, inherited: flag.catalogDefault, chosen: flag.platformDefault, effective: flag.enabled }))}
                inheritedLabel="Product default"
                readOnly={readOnly}
                pendingKey={setFlag.isPending ? setFlag.variables.key : null}
                error={setFlag.error}
                onSet={(key, enabled) => setFlag.mutate({ key, enabled })}
              />
            )}
          </QueryView>
        </Paper>
        <IntegrationStatusPanel query={integrations} />
      </Stack>
    </>
  );
}
