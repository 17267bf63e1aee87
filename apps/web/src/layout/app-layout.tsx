import { AppShell, Box, Burger, Group, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useRef } from 'react';
import { EmailVerificationAlert } from '../components/email-verification-alert';
import { ImpersonationBanner } from '../components/impersonation-banner';
import { PastDueBanner } from '../components/past-due-banner';
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
/** Below Mantine's `sm` breakpoint the navigation is a drawer behind the burger. */
const PHONE = '(max-width: 47.99em)';

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const phone = useMediaQuery(PHONE) ?? false;
  const burger = useRef<HTMLButtonElement>(null);
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
        <Group h={HEADER} px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group wrap="nowrap" gap="sm" miw={0}>
            <Burger
              ref={burger}
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
              aria-expanded={opened}
              aria-controls="app-navigation"
            />
            <Text fw={700} truncate>
              Back office
            </Text>
          </Group>
          <Group wrap="nowrap" gap="sm" miw={0}>
            {!impersonating && !phone && <TenantSwitcher />}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p="sm"
        id="app-navigation"
        // A navigation taller than the window scrolls on its own (the page beside it stays put).
        style={{ overflowY: 'auto' }}
        // Collapsed off-screen on a phone: out of the tab order until opened; Escape closes it again.
        inert={phone && !opened}
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || !phone || !opened) return;
          close();
          burger.current?.focus();
        }}
      >
        {!impersonating && phone && (
          <Box mb="md">
            <TenantSwitcher width="100%" />
          </Box>
        )}
        <Navigation onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main>
        {block && <TenantStatusNotice block={block} />}
        {!block && user && !user.emailVerified && !impersonating && <EmailVerificationAlert />}
        {!block && activeTenant && <PastDueBanner />}
        {!block && <RouteOutlet />}
      </AppShell.Main>
    </AppShell>
  );
}
