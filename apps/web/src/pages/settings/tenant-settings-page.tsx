import { Stack } from '@mantine/core';
import { useIntegrationStatus } from '../../api/integrations';
import { useTenant } from '../../api/tenant';
import { useSession } from '../../auth/use-session';
import { IntegrationStatusPanel } from '../../components/integration-status-panel';
import { PageHeader } from '../../components/page-header';
import { QueryView } from '../../components/query-view';
import { BillingSettingsSection } from './billing-settings-section';
import { FeatureFlagsSection } from './feature-flags-section';
import { TenantSettingsForm } from './tenant-settings-form';

export function TenantSettingsPage() {
  const { can } = useSession();
  const readOnly = !can('tenant:write');
  const canSeeTenant = can('tenant:read') || can('tenant:write');
  const tenant = useTenant();
  const integrations = useIntegrationStatus(can('integrations:read'));
  return (
    <>
      <PageHeader title="Settings" description={readOnly ? 'You can view these settings; an owner or admin can change them.' : 'Your organization profile.'} />
      <Stack gap="xl">
        {canSeeTenant && <QueryView query={tenant}>{(data) => <TenantSettingsForm key={data.id} tenant={data} readOnly={readOnly} />}</QueryView>}
        {canSeeTenant && <QueryView query={tenant}>{(data) => <BillingSettingsSection key={data.id} tenant={data} readOnly={readOnly} />}</QueryView>}
        {can('features:read') && <FeatureFlagsSection />}
        {can('integrations:read') && <IntegrationStatusPanel query={integrations} />}
      </Stack>
    </>
  );
}
