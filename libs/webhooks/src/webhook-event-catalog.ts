export interface WebhookEventTypeDefinition {
  type: string;
  description: string;
}

/** Every event type a tenant can subscribe to. Domain code publishes only these (the type is checked at compile time). */
export const WEBHOOK_EVENT_TYPES = [
  { type: 'member.joined', description: 'Someone accepted an invitation and became a member' },
  { type: 'member.updated', description: 'A member\'s roles changed, or the member was deactivated or reactivated' },
  { type: 'member.removed', description: 'A member was removed from the business' },
  { type: 'invitation.created', description: 'Someone was invited by email' },
  { type: 'invitation.accepted', description: 'An invitation was accepted' },
  { type: 'invitation.revoked', description: 'A pending invitation was revoked (by hand, or replaced by a newer one)' },
  { type: 'tenant.updated', description: 'The business profile or settings changed' },
  { type: 'subscription.started', description: 'A customer\'s subscription started: the first state we hold of it is active or trialing (or, when its start was never delivered, a later one such as past due)' },
  { type: 'subscription.changed', description: 'A subscription\'s status, items, pause or renewal (cancel at period end) changed' },
  { type: 'subscription.canceled', description: 'A subscription ended' },
  { type: 'payment.succeeded', description: 'A payment succeeded' },
  { type: 'payment.failed', description: 'A payment attempt failed' },
  { type: 'refund.issued', description: 'A refund succeeded' },
  { type: 'entitlements.changed', description: 'What a member (or a customer by email) may access changed: plan, status, access until or features (the data is what GET /api/v1/entitlements answers for them)' },
  { type: 'webhook.test', description: 'A test event sent on request to one endpoint' },
] as const satisfies readonly WebhookEventTypeDefinition[];

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]['type'];

/** Subscribing to `*` means every event type, including ones added later. */
export const ALL_EVENT_TYPES = '*';

export const isWebhookEventType = (value: string): value is WebhookEventType => WEBHOOK_EVENT_TYPES.some((e) => e.type === value);
