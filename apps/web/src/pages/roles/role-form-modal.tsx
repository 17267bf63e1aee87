import { Alert, Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import type { Permission, Role } from '@app/api-client';
import { fieldErrors } from '../../api/problem';
import { useCreateRole, useUpdateRole } from '../../api/roles';
import { PermissionCheckboxes } from '../../components/permission-checkboxes';
import { ProblemAlert } from '../../components/problem-alert';
import { collapseToPatterns, expandPatterns } from './permission-patterns';

interface RoleFormModalProps {
  /** Null to create a role. */
  role: Role | null;
  catalog: readonly Permission[];
  readOnly: boolean;
  onClose: () => void;
}

export function RoleFormModal({ role, catalog, readOnly, onClose }: RoleFormModalProps) {
  const catalogKeys = catalog.map((p) => p.key);
  const [name, setName] = useState(role?.name ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [checked, setChecked] = useState(() => expandPatterns(role?.permissions ?? [], catalogKeys));
  const create = useCreateRole();
  const update = useUpdateRole();
  const mutation = role ? update : create;
  const errors = fieldErrors(mutation.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const permissions = collapseToPatterns(checked, role?.permissions ?? [], catalogKeys);
    const body = { name, description, permissions };
    const onSuccess = () => {
      notifications.show({ color: 'green', message: role ? `Role ${name} saved.` : `Role ${name} created.` });
      onClose();
    };
    if (role) update.mutate({ id: role.id, ...body }, { onSuccess });
    else create.mutate(body, { onSuccess });
  };

  const title = readOnly ? `Role: ${role?.name}` : role ? 'Edit role' : 'New role';
  return (
    <Modal opened onClose={onClose} title={title} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          {role?.system && <Alert color="blue">System roles come with every organization and cannot be changed or deleted.</Alert>}
          <TextInput label="Name" required readOnly={readOnly} value={name} error={errors.name} onChange={(e) => setName(e.currentTarget.value)} />
          <Textarea label="Description" readOnly={readOnly} autosize minRows={2} value={description} error={errors.description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <PermissionCheckboxes catalog={catalog} value={checked} onChange={setChecked} readOnly={readOnly} />
          <ProblemAlert error={mutation.error} hideFields={['name', 'description']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {readOnly ? 'Close' : 'Cancel'}
            </Button>
            {!readOnly && (
              <Button type="submit" loading={mutation.isPending}>
                {role ? 'Save role' : 'Create role'}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
