import { Badge, Code, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { EmailTemplateUpdate } from '../../api/email-templates';
import { ProblemAlert } from '../../components/problem-alert';

/** The draft rendered with sample data; template errors (422) are listed instead of a stale rendering. */
export function EmailPreview({ preview }: { preview: UseQueryResult<EmailTemplateUpdate> }) {
  const content = preview.isError ? undefined : preview.data;
  return (
    <Paper withBorder p="md" data-testid="email-preview">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>Preview</Text>
          {preview.isFetching && <Badge variant="light" color="gray">updating…</Badge>}
        </Group>
        {preview.isError && <ProblemAlert error={preview.error} />}
        {content && (
          <>
            <div>
              <Text size="xs" c="dimmed">
                Subject
              </Text>
              <Text fw={600} data-testid="preview-subject">
                {content.subject}
              </Text>
            </div>
            <Tabs defaultValue={content.html ? 'html' : 'text'}>
              <Tabs.List>
                <Tabs.Tab value="html" disabled={!content.html}>
                  HTML
                </Tabs.Tab>
                <Tabs.Tab value="text">Plain text</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="html" pt="sm">
                {content.html && (
                  <iframe
                    title="HTML preview"
                    sandbox=""
                    srcDoc={content.html}
                    style={{ width: '100%', minHeight: 320, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
                  />
                )}
              </Tabs.Panel>
              <Tabs.Panel value="text" pt="sm">
                <Code block style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-text">
                  {content.text}
                </Code>
              </Tabs.Panel>
            </Tabs>
          </>
        )}
      </Stack>
    </Paper>
  );
}
