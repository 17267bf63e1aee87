import { Notifications } from '@mantine/notifications';

/** The notifications container; app.tsx loads it beside the first page (it is not needed for the first paint). */
export default function NotificationStack() {
  return <Notifications position="top-right" />;
}
