import { Button, Menu, Text, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { Link } from 'react-router';
import { useLogout } from '../api/auth';
import { useSession } from '../auth/use-session';

export function UserMenu() {
  const { user, activeTenant } = useSession();
  const logout = useLogout();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const shown = useComputedColorScheme('light');
  if (!user) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" data-testid="user-menu" maw={{ base: 150, sm: 280 }}>
          <Text span inherit truncate>
            {user.name || user.email}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="xs">{user.email}</Text>
        </Menu.Label>
        {activeTenant && (
          <Menu.Item component={Link} to="/account/billing">
            My billing
          </Menu.Item>
        )}
        <Menu.Item component={Link} to="/account/security">
          Account security
        </Menu.Item>
        <Menu.Item component={Link} to="/account/sessions">
          Sessions
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={() => setColorScheme(shown === 'dark' ? 'light' : 'dark')}>
          {shown === 'dark' ? 'Light theme' : 'Dark theme'}
        </Menu.Item>
        {colorScheme !== 'auto' && <Menu.Item onClick={() => setColorScheme('auto')}>Theme of the system</Menu.Item>}
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => logout.mutate()}>
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
