import { Alert, Anchor, List, Text } from '@mantine/core';
import { Link } from 'react-router';
import { asProblem } from '../api/problem';
import { useSession } from '../auth/use-session';

interface ProblemAlertProps {
  error: unknown;
  /** Field errors already shown beside their inputs are left out of the list. */
  hideFields?: readonly string[];
}

/** Shows a problem+json error: title, detail and any field errors. */
export function ProblemAlert({ error, hideFields = [] }: ProblemAlertProps) {
  const { can } = useSession();
  if (!error) return null;
  const problem = asProblem(error)?.problem;
  const planLimit = asProblem(error)?.slug === 'plan-limit-reached' && can('usage:read');
  const title = problem?.title ?? 'Something went wrong';
  const detail = problem ? problem.detail : error instanceof Error ? error.message : undefined;
  const errors = (problem?.errors ?? []).filter((item) => !hideFields.includes(item.field));
  return (
    <Alert color="red" title={title} role="alert" data-testid="problem-alert">
      {detail && detail !== title && <Text size="sm">{detail}</Text>}
      {errors.length > 0 && (
        <List size="sm" mt={detail ? 'xs' : 0}>
          {errors.map((item) => (
            <List.Item key={`${item.field}:${item.message}`}>
              <strong>{item.field}</strong>: {item.message}
            </List.Item>
          ))}
        </List>
      )}
      {planLimit && (
        <Anchor component={Link} to="/usage" size="sm">
          See usage and limits
        </Anchor>
      )}
      {problem?.requestId && (
        <Text size="xs" c="dimmed" mt="xs">
          Request id: {problem.requestId}
        </Text>
      )}
    </Alert>
  );
}
