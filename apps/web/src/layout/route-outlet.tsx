import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { LoadingState } from '../components/loading-state';

/** The child route's page, with an announced loading state while its chunk downloads. */
export function RouteOutlet() {
  return (
    <Suspense fallback={<LoadingState label="Loading page…" />}>
      <Outlet />
    </Suspense>
  );
}
