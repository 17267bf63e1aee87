import { useSyncExternalStore } from 'react';
import { useFormat } from './use-format';

// One clock for every relative time on screen, ticking while any is shown.
const listeners = new Set<() => void>();
let tick = 0;
let timer: ReturnType<typeof setInterval> | undefined;
function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    tick += 1;
    listeners.forEach((notify) => notify());
  }, 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** "3 minutes ago", with the exact time (in the tenant's time zone) on hover. */
export function RelativeTime({ value, empty = '—' }: { value: string | null | undefined; empty?: string }) {
  const format = useFormat();
  useSyncExternalStore(subscribe, () => tick);
  if (!value) return <>{empty}</>;
  return (
    <time dateTime={value} title={format.exact(value)}>
      {format.relative(value)}
    </time>
  );
}
