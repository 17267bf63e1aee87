import { Anchor, Group, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useEmailMessages, useEmailTemplates, type EmailMessageStatus } from '../../api/email-templates';
import { EmptyList } from '../../components/empty-list';
import { ListTable } from '../../components/list-table';
import { PageHeader } from '../../components/page-header';
import { PagedList } from '../../components/paged-list';
import { StatusBadge } from '../../components/status-badge';
import { StatusFilter } from '../../components/status-filter';
import { RelativeTime } from '../../components/relative-time';

const STATUSES: EmailMessageStatus[] = ['queued', 'sent', 'failed'];

export function EmailMessagesPage() {
  const [status, setStatus] = useState<EmailMessageStatus | null>(null);
  const [template, setTemplate] = useState<string | null>(null);
  const templates = useEmailTemplates();
  const messages = useEmailMessages({ status, template });
  const filtered = status !== null || template !== null;

  return (
    <>
      <Anchor component={Link} to="/email-templates" size="sm">
        ← Email templates
      </Anchor>
      <PageHeader title="Email log" description="Every email this organization sent or tried to send." />
      <Group mb="md">
        <StatusFilter label="Filter emails by status" statuses={STATUSES} value={status} onChange={setStatus} />
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
      <PagedList query={messages} empty={<EmptyList title={filtered ? 'No email matches these filters' : 'No email sent yet'} />}>
        {(rows) => (
          <ListTable columns={['To', 'Subject', 'Template', 'Status', 'Attempts', 'Created']}>
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
                      <RelativeTime value={message.sentAt} />
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{message.attempts}</Table.Td>
                <Table.Td>
                  <RelativeTime value={message.createdAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </PagedList>
    </>
  );
}
