import { useTenant } from '../../api/tenant';
import { useSession } from '../../auth/use-session';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { TenantSettingsForm } from './tenant-settings-form';

export function TenantSettingsPage() {
  const { can } = useSession();
  const tenant = useTenant();
  const readOnly = !can('tenant:write');
  return (
    <>
      <PageHeader title="Settings" description={readOnly ? 'You can view these settings; an owner or admin can change them.' : 'Your organization profile.'} />
      {tenant.isPending && <LoadingState />}
      {tenant.isError && <ErrorState error={tenant.error} onRetry={() => tenant.refetch()} />}
      {tenant.isSuccess && <TenantSettingsForm key={tenant.data.id} tenant={tenant.data} readOnly={readOnly} />}
    </>
  );
}
