import { Anchor, Button, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useEmailTemplates } from '../../api/email-templates';
import { ListTable } from '../../components/list-table';
import { PageHeader } from '../../components/page-header';
import { QueryView } from '../../components/query-view';
import { TemplateVersionBadge } from './template-version-badge';
import { RelativeTime } from '../../components/relative-time';

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
          <ListTable columns={['Template', 'Subject', 'Version', 'Last saved']} minWidth={640}>
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
                  <TemplateVersionBadge overridden={template.overridden} />
                </Table.Td>
                <Table.Td>
                  <RelativeTime value={template.updatedAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </QueryView>
    </>
  );
}
