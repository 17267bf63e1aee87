import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useEmailTemplates } from '../../api/email-templates';
import { formatDateTime } from '../../components/format-date';
import { PageHeader } from '../../components/page-header';
import { QueryView } from '../../components/query-view';

export function EmailTemplatesPage() {
  const templates = useEmailTemplates();
  return (
    <>
      <PageHeader
        title="Email templates"
        description="The emails this organization sends. Change the wording; the product default stays one click away."
        actions={
          <Button component={Link} to="/email-messages" variant="default">
            Email log
          </Button>
        }
      />
      <QueryView query={templates}>
        {(rows) => (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Template</Table.Th>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>Last saved</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((template) => (
                  <Table.Tr key={template.key} data-testid="email-template-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/email-templates/${template.key}`}>
                        {template.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {template.description}
                      </Text>
                    </Table.Td>
                    <Table.Td>{template.subject}</Table.Td>
                    <Table.Td>
                      {template.overridden ? (
                        <Badge color="indigo" variant="light" data-testid="overridden-badge">
                          overridden
                        </Badge>
                      ) : (
                        <Badge color="gray" variant="light">
                          default
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDateTime(template.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryView>
    </>
  );
}
