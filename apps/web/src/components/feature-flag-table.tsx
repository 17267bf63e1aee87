import { Badge, Button, Switch, Table, Text } from '@mantine/core';
import { ProblemAlert } from './problem-alert';

export interface FeatureFlagRow {
  key: string;
  description: string;
  /** The value without a choice at this level (the platform default for a tenant, the product default for the platform). */
  inherited: boolean;
  /** The choice made at this level; null follows `inherited`. */
  chosen: boolean | null;
  effective: boolean;
}

interface FeatureFlagTableProps {
  rows: FeatureFlagRow[];
  inheritedLabel: string;
  readOnly: boolean;
  /** Key of the flag being saved. */
  pendingKey: string | null;
  error: unknown;
  onSet: (key: string, enabled: boolean | null) => void;
}

const onOff = (value: boolean) => (value ? 'on' : 'off');

/** Flags with what they inherit, the choice made here (switch) and a way back to the inherited value. */
export function FeatureFlagTable({ rows, inheritedLabel, readOnly, pendingKey, error, onSet }: FeatureFlagTableProps) {
  return (
    <>
      <ProblemAlert error={error} />
      <Table.ScrollContainer minWidth={600}>
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Feature</Table.Th>
              <Table.Th>{inheritedLabel}</Table.Th>
              <Table.Th>Effective</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((flag) => (
              <Table.Tr key={flag.key} data-testid="feature-flag-row">
                <Table.Td>
                  <Text ff="monospace" size="sm">
                    {flag.key}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {flag.description}
                  </Text>
                </Table.Td>
                <Table.Td>{onOff(flag.inherited)}</Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={`Turn ${flag.key} ${flag.effective ? 'off' : 'on'}`}
                    checked={flag.effective}
                    disabled={readOnly || pendingKey === flag.key}
                    onChange={(event) => onSet(flag.key, event.currentTarget.checked)}
                    label={flag.chosen === null ? 'inherited' : <Badge variant="light" size="sm">set here</Badge>}
                  />
                </Table.Td>
                <Table.Td>
                  {!readOnly && flag.chosen !== null && (
                    <Button size="xs" variant="subtle" loading={pendingKey === flag.key} onClick={() => onSet(flag.key, null)}>
                      Reset to default
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
