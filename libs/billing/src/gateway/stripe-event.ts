/** The parts of a Stripe event the inbox and the handlers read (the SDK's type stays inside the gateway). */
export interface StripeEvent {
  id: string;
  type: string;
  created: number;
  livemode: boolean;
  account?: string | null;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
}

export interface StripeObject {
  id: string;
  object: string;
  created?: number;
  livemode?: boolean;
  metadata?: Record<string, string> | null;
  deleted?: boolean;
  [field: string]: unknown;
}
