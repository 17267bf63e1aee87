import { Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { EmailTemplate } from '../../api/email-templates';

interface TemplateVariablesProps {
  variables: EmailTemplate['variables'];
  disabled: boolean;
  onInsert: (placeholder: string) => void;
}

/** The variables a template may use; clicking one inserts its placeholder where the cursor was. */
export function TemplateVariables({ variables, disabled, onInsert }: TemplateVariablesProps) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Variables
      </Text>
      <Group gap={6}>
        {variables.map((variable) => (
          <Tooltip key={variable.name} label={`${variable.description} (e.g. ${variable.sample})`} withArrow multiline maw={320}>
            <Button
              size="compact-xs"
              variant="light"
              ff="monospace"
              tt="none"
              disabled={disabled}
              // Keep the focus (and cursor) in the field being edited.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onInsert(`{{${variable.name}}}`)}
            >
              {`{{${variable.name}}}`}
            </Button>
          </Tooltip>
        ))}
      </Group>
    </Stack>
  );
}
