export interface FeatureFlagDefinition {
  key: string;
  description: string;
  /** Value when neither platform staff nor the tenant chose one. */
  defaultEnabled: boolean;
}

/** Every feature flag of the product. Platform staff change the defaults; tenants override them. */
export const FEATURE_FLAG_CATALOG = [
  { key: 'journeys.marketplace', description: 'Public marketplace where clients browse and buy published journeys', defaultEnabled: true },
  { key: 'paylinks.qr', description: 'QR codes (PNG/SVG) for sharing pay links', defaultEnabled: true },
  { key: 'reviews.mentor', description: 'Mentor reviews of journey sections (Guided and Premium tiers)', defaultEnabled: true },
  { key: 'sessions.concierge', description: 'Concierge session booking (Premium tier)', defaultEnabled: false },
  { key: 'webhooks.outgoing', description: 'Signed outgoing webhooks to the tenant\'s endpoints', defaultEnabled: true },
  { key: 'analytics.reports', description: 'Saved analytics reports with scheduled email delivery', defaultEnabled: false },
] as const satisfies readonly FeatureFlagDefinition[];

export type FeatureFlagKey = (typeof FEATURE_FLAG_CATALOG)[number]['key'];

export function findFeatureFlag(key: string): FeatureFlagDefinition | undefined {
  return FEATURE_FLAG_CATALOG.find((flag) => flag.key === key);
}
