import { ActionIcon, Menu } from '@mantine/core';
import type { Member } from '@app/api-client';

export type MemberAction = 'roles' | 'deactivate' | 'reactivate' | 'remove';

export function MemberActions({ member, onAction }: { member: Member; onAction: (action: MemberAction) => void }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" aria-label={`Actions for ${member.email}`}>
          ⋯
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => onAction('roles')}>Change roles</Menu.Item>
        {member.active ? (
          <Menu.Item onClick={() => onAction('deactivate')}>Deactivate</Menu.Item>
        ) : (
          <Menu.Item onClick={() => onAction('reactivate')}>Reactivate</Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => onAction('remove')}>
          Remove from organization
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
