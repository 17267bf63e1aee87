import { Alert, Button, Drawer, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { isStripeNotConfigured, useStripeConnection } from '../../api/billing';
import { useBillingSyncRun, useBillingSyncRuns, useStartBillingSync } from '../../api/billing-sync';
import { useSession } from '../../auth/use-session';
import { ConfirmModal } from '../../components/confirm-modal';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { pagedRows } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { QueryView } from '../../components/query-view';
import { StripeNotConfigured } from './stripe-not-configured';
import { SyncRunDetail } from './sync-run-detail';
import { SyncRunTable } from './sync-run-table';

export function BillingSyncPage() {
  const { can } = useSession();
  // Only to learn whether the server has Stripe: the run history is readable without it, starting a run is not.
  const connection = useStripeConnection();
  const notConfigured = isStripeNotConfigured(connection.error);
  const runs = useBillingSyncRuns();
  const sync = useStartBillingSync();
  const importRun = useStartBillingSync();
  const [confirmingImport, setConfirmingImport] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const canWrite = can('billing:write') && !notConfigured;
  const current = pagedRows(runs).find((run) => run.status === 'running');

  const startSync = () =>
    sync.mutate('reconcile', { onSuccess: () => notifications.show({ color: 'green', message: 'Sync started: the mirror is compared with Stripe in the background.' }) });
  const closeImport = () => {
    setConfirmingImport(false);
    importRun.reset();
  };

  return (
    <>
      <PageHeader
        title="Stripe sync"
        description="The back office keeps a copy of your Stripe data. A sync compares it with Stripe and fixes what differs; it also runs every night. The import copies your whole Stripe history once."
        actions={
          canWrite && (
            <>
              <Button onClick={startSync} loading={sync.isPending} disabled={Boolean(current)}>
                Sync now
              </Button>
              <Button variant="default" onClick={() => setConfirmingImport(true)} disabled={Boolean(current)}>
                Import from Stripe
              </Button>
            </>
          )
        }
      />
      <Stack>
        {notConfigured && <StripeNotConfigured />}
        <ProblemAlert error={sync.error} />
        {current && (
          <Alert color="blue" title={`${current.kind === 'import' ? 'Import' : 'Sync'} running`} data-testid="sync-running">
            <Text size="sm">
              {current.objectsChecked} objects checked so far. This page follows the run until it ends; you may leave it, the run carries on in the background.
            </Text>
            <Button size="xs" variant="light" mt="xs" onClick={() => setOpenId(current.id)}>
              Show progress
            </Button>
          </Alert>
        )}
        <SyncRunTable
          query={runs}
          onOpen={(run) => setOpenId(run.id)}
          empty={
            <EmptyList
              title="No sync has run yet"
              description={canWrite ? 'Import from Stripe to copy what your Stripe account already holds, or sync now.' : 'The nightly sync appears here once it has run.'}
            />
          }
        />
      </Stack>
      <SyncRunDrawer id={openId} onClose={() => setOpenId(null)} />
      <ConfirmModal
        opened={confirmingImport}
        title="Import from Stripe"
        danger={false}
        message={
          <Stack gap="xs">
            <Text size="sm">
              The import reads everything your Stripe account holds that the back office keeps a copy of (customers, products and prices) and adds what is missing here.
              Customers whose email matches a member of this organization are linked to that member.
            </Text>
            <Text size="sm">
              It runs in the background, page by page, and carries on where it stopped if it is interrupted. Running it again is safe: it changes nothing that is already up to date,
              and nothing is changed in Stripe.
            </Text>
          </Stack>
        }
        confirmLabel="Start import"
        loading={importRun.isPending}
        error={importRun.error}
        onConfirm={() =>
          importRun.mutate('import', {
            onSuccess: () => {
              notifications.show({ color: 'green', message: 'Import started: this page follows it until it ends.' });
              closeImport();
            },
          })
        }
        onClose={closeImport}
      />
    </>
  );
}

/** A run's details, asked again while it runs. */
function SyncRunDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const run = useBillingSyncRun(id);
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="xl" title="Sync run">
      <QueryView query={run}>{(data) => <SyncRunDetail run={data} />}</QueryView>
    </Drawer>
  );
}
