import { Button, Menu, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useLogout } from '../api/auth';
import { useSession } from '../auth/use-session';

export function UserMenu() {
  const { user } = useSession();
  const logout = useLogout();
  if (!user) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" data-testid="user-menu">
          {user.name || user.email}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="xs">{user.email}</Text>
        </Menu.Label>
        <Menu.Item component={Link} to="/account/security">
          Account security
        </Menu.Item>
        <Menu.Item component={Link} to="/account/sessions">
          Sessions
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => logout.mutate()}>
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
