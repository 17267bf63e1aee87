import { Button } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyList } from '../components/empty-list';

export function NotFoundPage() {
  return (
    <EmptyList
      title="Page not found"
      description="The address may be mistyped, or the page moved."
      action={
        <Button component={Link} to="/">
          Go home
        </Button>
      }
    />
  );
}
