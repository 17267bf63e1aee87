import { Badge, Code, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { diffFields, type FieldChange } from './audit-diff-fields';

const COLORS: Record<FieldChange, string | undefined> = {
  added: 'var(--mantine-color-green-light)',
  removed: 'var(--mantine-color-red-light)',
  changed: 'var(--mantine-color-yellow-light)',
  unchanged: undefined,
};

function Value({ value, present }: { value: unknown; present: boolean }) {
  if (!present) return <Text c="dimmed">—</Text>;
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', background: 'transparent' }}>
      {text}
    </Code>
  );
}

/** Before and after side by side, one row per field; added, removed and changed fields stand out. */
export function AuditDiff({ before, after }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const [showUnchanged, setShowUnchanged] = useState(false);
  const fields = diffFields(before, after);
  const unchanged = fields.filter((field) => field.change === 'unchanged').length;
  const shown = showUnchanged ? fields : fields.filter((field) => field.change !== 'unchanged');
  if (fields.length === 0) return <Text c="dimmed">This event recorded no state.</Text>;
  return (
    <>
      {unchanged > 0 && (
        <Switch mb="sm" label={`Show ${unchanged} unchanged field(s)`} checked={showUnchanged} onChange={(e) => setShowUnchanged(e.currentTarget.checked)} />
      )}
      <Table layout="fixed" withTableBorder withColumnBorders aria-label="Changes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="24%">Field</Table.Th>
            <Table.Th>Before</Table.Th>
            <Table.Th>After</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((field) => (
            <Table.Tr key={field.path} data-change={field.change} style={{ background: COLORS[field.change] }}>
              <Table.Td>
                <Text size="sm" fw={600} style={{ wordBreak: 'break-word' }}>
                  {field.path}
                </Text>
                {field.change !== 'unchanged' && (
                  <Badge size="xs" variant="outline" color={field.change === 'added' ? 'green' : field.change === 'removed' ? 'red' : 'yellow'}>
                    {field.change}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Value value={field.before} present={field.change !== 'added'} />
              </Table.Td>
              <Table.Td>
                <Value value={field.after} present={field.change !== 'removed'} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
