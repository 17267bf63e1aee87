import { Anchor, Group, SegmentedControl, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useEmailMessages, useEmailTemplates, type EmailMessageStatus } from '../../api/email-templates';
import { formatDateTime } from '../../components/format-date';
import { PageHeader } from '../../components/page-header';
import { PagedList } from '../../components/paged-list';
import { StatusBadge } from '../../components/status-badge';

type StatusFilter = 'all' | EmailMessageStatus;
const STATUSES: StatusFilter[] = ['all', 'queued', 'sent', 'failed'];

export function EmailMessagesPage() {
  const [status, setStatus] = useState<StatusFilter>('all');
  const [template, setTemplate] = useState<string | null>(null);
  const templates = useEmailTemplates();
  const messages = useEmailMessages({ status: status === 'all' ? null : status, template });
  const filtered = status !== 'all' || template !== null;

  return (
    <>
      <Anchor component={Link} to="/email-templates" size="sm">
        ← Email templates
      </Anchor>
      <PageHeader title="Email log" description="Every email this organization sent or tried to send." />
      <Group mb="md">
        <SegmentedControl
          aria-label="Filter emails by status"
          value={status}
          onChange={(value) => setStatus(value as StatusFilter)}
          data={STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) }))}
        />
        <Select
          aria-label="Filter by template"
          placeholder="All templates"
          clearable
          w={220}
          data={(templates.data ?? []).map((t) => ({ value: t.key, label: t.name }))}
          value={template}
          onChange={setTemplate}
        />
      </Group>
      <PagedList query={messages} empty={{ title: filtered ? 'No email matches these filters' : 'No email sent yet' }}>
        {(rows) => (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>To</Table.Th>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>Template</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Attempts</Table.Th>
                  <Table.Th>Created</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((message) => (
                  <Table.Tr key={message.id} data-testid="email-message-row">
                    <Table.Td>{message.to}</Table.Td>
                    <Table.Td>{message.subject}</Table.Td>
                    <Table.Td ff="monospace">{message.templateKey}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={message.status} />
                      {message.lastError && (
                        <Text size="xs" c="red" lineClamp={2} maw={260}>
                          {message.lastError}
                        </Text>
                      )}
                      {message.sentAt && (
                        <Text size="xs" c="dimmed">
                          {formatDateTime(message.sentAt)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{message.attempts}</Table.Td>
                    <Table.Td>{formatDateTime(message.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </PagedList>
    </>
  );
}
