import { createTheme, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { BrowserRouter } from 'react-router';
import { queryClient } from './query-client';
import { AppRoutes } from './router';

const NotificationStack = lazy(() => import('./components/notification-stack'));

const theme = createTheme({ primaryColor: 'indigo', defaultRadius: 'md' });

export function App() {
  return (
    <MantineProvider theme={theme}>
      <Suspense fallback={null}>
        <NotificationStack />
      </Suspense>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
