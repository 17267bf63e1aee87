import { ALL_EVENT_TYPES, WEBHOOK_EVENT_TYPES } from '../webhook-event-catalog';

/** Values accepted in an endpoint's eventTypes: every catalog type, or `*` for all. */
export const SUBSCRIBABLE_EVENT_TYPES: string[] = [ALL_EVENT_TYPES, ...WEBHOOK_EVENT_TYPES.map((e) => e.type)];
