import { Alert, Anchor, Button, Grid, Group, Stack, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  useEmailTemplate,
  useEmailTemplatePreview,
  useResetEmailTemplate,
  useSaveEmailTemplate,
  type EmailTemplate,
  type EmailTemplateUpdate,
} from '../../api/email-templates';
import { fieldErrors } from '../../api/problem';
import { useSession } from '../../auth/use-session';
import { ConfirmModal } from '../../components/confirm-modal';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { QueryView } from '../../components/query-view';
import { EmailPreview } from './email-preview';
import { SendTestEmailModal } from './send-test-email-modal';
import { TemplateVariables } from './template-variables';
import { TemplateVersionBadge } from './template-version-badge';

type Part = 'subject' | 'text' | 'html';
const PARTS: Part[] = ['subject', 'text', 'html'];

export function EmailTemplateEditorPage() {
  const { key = '' } = useParams();
  const template = useEmailTemplate(key);
  return (
    <>
      <Anchor component={Link} to="/email-templates" size="sm">
        ← Email templates
      </Anchor>
      {/* Remounts after a save or reset so the form starts from what the server holds. */}
      <QueryView query={template}>{(data) => <EmailTemplateEditor key={data.updatedAt ?? 'default'} template={data} />}</QueryView>
    </>
  );
}

const draftOf = (content: EmailTemplateUpdate) => ({ subject: content.subject, text: content.text, html: content.html ?? '' });

function EmailTemplateEditor({ template }: { template: EmailTemplate }) {
  const { can } = useSession();
  const readOnly = !can('email_templates:write');
  const [draft, setDraft] = useState(() => draftOf(template));
  const [resetting, setResetting] = useState(false);
  const [testing, setTesting] = useState(false);
  const body: EmailTemplateUpdate = { subject: draft.subject, text: draft.text, html: draft.html.trim() ? draft.html : null };
  const [debounced] = useDebouncedValue(body, 400);
  const preview = useEmailTemplatePreview(template.key, debounced);
  const save = useSaveEmailTemplate();
  const reset = useResetEmailTemplate();
  const inputs = useRef<Partial<Record<Part, HTMLInputElement | HTMLTextAreaElement | null>>>({});
  const lastFocused = useRef<Part>('text');
  // Save errors win; otherwise the live preview's template errors show beside the fields.
  const errors = { ...fieldErrors(preview.error), ...fieldErrors(save.error) };
  const dirty = PARTS.some((part) => draft[part] !== draftOf(template)[part]);

  const insert = (placeholder: string) => {
    const part = lastFocused.current;
    const input = inputs.current[part];
    const value = draft[part];
    const start = input?.selectionStart ?? value.length;
    const end = input?.selectionEnd ?? value.length;
    setDraft({ ...draft, [part]: value.slice(0, start) + placeholder + value.slice(end) });
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(start + placeholder.length, start + placeholder.length);
    });
  };

  const field = (part: Part) => ({
    ref: (element: HTMLInputElement | HTMLTextAreaElement | null) => {
      inputs.current[part] = element;
    },
    value: draft[part],
    readOnly,
    error: errors[part],
    onFocus: () => {
      lastFocused.current = part;
    },
    onChange: (event: { currentTarget: { value: string } }) => setDraft({ ...draft, [part]: event.currentTarget.value }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ key: template.key, ...body }, { onSuccess: () => notifications.show({ color: 'green', message: 'Template saved.' }) });
  };

  return (
    <>
      <PageHeader
        title={template.name}
        description={template.description}
        actions={
          <>
            <TemplateVersionBadge overridden={template.overridden} />
            {!readOnly && (
              <Button variant="default" onClick={() => setTesting(true)}>
                Send test
              </Button>
            )}
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <form onSubmit={submit} noValidate>
            <Stack>
              <TemplateVariables variables={template.variables} disabled={readOnly} onInsert={insert} />
              <TextInput label="Subject" required {...field('subject')} />
              <Textarea label="Plain text" required autosize minRows={8} maxRows={20} {...field('text')} />
              <Textarea
                label="HTML"
                description="Leave empty to send plain text only."
                autosize
                minRows={6}
                maxRows={20}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                {...field('html')}
               
              />
              <ProblemAlert error={save.error} hideFields={PARTS} />
              {!readOnly && (
                <Group justify="space-between">
                  <Button variant="subtle" color="red" disabled={!template.overridden} onClick={() => setResetting(true)}>
                    Reset to default
                  </Button>
                  <Group>
                    <Button variant="default" disabled={!dirty} onClick={() => setDraft(draftOf(template))}>
                      Discard changes
                    </Button>
                    <Button type="submit" loading={save.isPending} disabled={!dirty}>
                      Save template
                    </Button>
                  </Group>
                </Group>
              )}
              {readOnly && <Alert color="gray">You can preview this template; changing it needs the email_templates:write permission.</Alert>}
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <EmailPreview preview={preview} />
        </Grid.Col>
      </Grid>

      {testing && <SendTestEmailModal templateKey={template.key} onClose={() => setTesting(false)} />}
      <ConfirmModal
        opened={resetting}
        title="Reset to default"
        message="Discard this organization's version of the template and go back to the product default?"
        confirmLabel="Reset"
        loading={reset.isPending}
        error={reset.error}
        onConfirm={() =>
          reset.mutate(template.key, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: 'Template reset to the default.' });
              setResetting(false);
            },
          })
        }
        onClose={() => {
          setResetting(false);
          reset.reset();
        }}
      />
    </>
  );
}
