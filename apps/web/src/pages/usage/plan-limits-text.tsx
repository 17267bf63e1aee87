import { Text } from '@mantine/core';
import type { PlatformPlan } from '../../api/platform-plans';

const shown = (value: number | null, unit: string) => (value === null ? `unlimited ${unit}` : `${value.toLocaleString()} ${unit}`);

/** A plan's limits in one line (members, journeys, API calls a month, storage). */
export function PlanLimitsText({ limits }: { limits: PlatformPlan['limits'] }) {
  return (
    <Text size="xs" c="dimmed">
      {[shown(limits.members, 'members'), shown(limits.journeys, 'journeys'), shown(limits.apiCallsPerMonth, 'API calls a month'), shown(limits.storageMb, 'MB storage')].join(' · ')}
    </Text>
  );
}
