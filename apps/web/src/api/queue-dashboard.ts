import { useMutation } from '@tanstack/react-query';
import { api } from './client';
import { unwrap } from './problem';

/**
 * Opens bull-board in a new tab. The browser reaches it without our bearer token, so the API first
 * trades the token for a short cookie scoped to the dashboard. `open` must run in the click handler:
 * the tab is opened right then (a tab opened once the request is answered would meet the popup
 * blocker) and sent to the dashboard when the cookie is set. Where popups are refused anyway, this
 * tab goes to the dashboard instead.
 */
export function useOpenQueueDashboard() {
  const mutation = useMutation({
    mutationFn: async (tab: Window | null) => {
      try {
        const session = await unwrap(api.POST('/api/v1/admin/queues/session', { body: {} }));
        if (tab) tab.location.href = session.url;
        else window.location.assign(session.url);
      } catch (error) {
        tab?.close();
        throw error;
      }
    },
  });
  const open = () => {
    const tab = window.open('about:blank', '_blank');
    // The dashboard has no business with the back office window that opened it.
    if (tab) tab.opener = null;
    mutation.mutate(tab);
  };
  return { open, isPending: mutation.isPending, error: mutation.error, reset: mutation.reset };
}
