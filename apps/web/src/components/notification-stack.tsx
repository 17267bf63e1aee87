import { Notifications } from '@mantine/notifications';

/** The notifications container; app.tsx loads it beside the first page (it is not needed for the first paint). */
export default function NotificationStack() {
  // A live region present from the start, so that each notification is announced as it appears.
  return <Notifications position="top-right" aria-live="polite" />;
}
