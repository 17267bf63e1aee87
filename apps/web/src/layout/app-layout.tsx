import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { EmailVerificationAlert } from '../components/email-verification-alert';
import { ImpersonationBanner } from '../components/impersonation-banner';
import { TenantStatusNotice } from '../components/tenant-status-notice';
import { TenantSwitcher } from '../components/tenant-switcher';
import { useTenantBlock } from '../auth/tenant-block';
import { useAuthSnapshot } from '../auth/token-store';
import { useSession } from '../auth/use-session';
import { Navigation } from './navigation';
import { RouteOutlet } from './route-outlet';
import { UserMenu } from './user-menu';

const HEADER = 56;
const BANNER = 40;

export function AppLayout() {
  const [opened, { toggle }] = useDisclosure();
  const { user, activeTenant, me } = useSession();
  const { impersonation } = useAuthSnapshot();
  const reportedBlock = useTenantBlock();
  const impersonating = Boolean(impersonation || me.data?.impersonatedBy);

  const block =
    reportedBlock ?? (activeTenant && activeTenant.status !== 'active' ? { status: activeTenant.status } : null);
  if (block && !impersonating) return <TenantStatusNotice block={block} />;

  return (
    <AppShell
      header={{ height: HEADER + (impersonating ? BANNER : 0) }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <ImpersonationBanner />
        <Group h={HEADER} px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text fw={700}>Back office</Text>
          </Group>
          <Group>
            {!impersonating && <TenantSwitcher />}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <Navigation />
      </AppShell.Navbar>
      <AppShell.Main>
        {block && <TenantStatusNotice block={block} />}
        {!block && user && !user.emailVerified && !impersonating && <EmailVerificationAlert />}
        {!block && <RouteOutlet />}
      </AppShell.Main>
    </AppShell>
  );
}
