import { Button, Center, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useLogout } from '../api/auth';
import { ErrorState } from '../components/error-state';
import { LoadingState } from '../components/loading-state';
import { useAuthSnapshot } from '../auth/token-store';
import { useSession } from '../auth/use-session';

/** Sends signed-out visitors to login and waits for /auth/me before rendering the app. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { tokens, signedOut } = useAuthSnapshot();
  const location = useLocation();
  const { me } = useSession();
  const logout = useLogout();

  if (!tokens) {
    const next = `${location.pathname}${location.search}`;
    const comeBack = signedOut !== 'logout' && next !== '/';
    return <Navigate to={comeBack ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />;
  }
  if (me.isPending) return <LoadingState />;
  if (me.isError) {
    return (
      <Center mih="100vh">
        <Stack>
          <ErrorState error={me.error} onRetry={() => me.refetch()} />
          <Button variant="default" onClick={() => logout.mutate()}>
            Log out
          </Button>
        </Stack>
      </Center>
    );
  }
  return children;
}
