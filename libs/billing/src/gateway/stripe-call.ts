import Stripe from 'stripe';
import { ProblemException, Problems } from '@app/core';

/** Stripe refusing a request (a 4xx of its own) becomes a 422 problem; its message carries no secrets. */
export async function refused<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // The same Idempotency-Key with a different request: the client reused its key for another change.
    if (error instanceof Stripe.errors.StripeIdempotencyError) {
      throw Problems.conflict('idempotency-key-reused', 'This Idempotency-Key was used for a different request.');
    }
    if (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError) {
      throw Problems.unprocessable('stripe-request-refused', `Stripe refused the request: ${error.message}`);
    }
    // Stripe down, slow or limiting us: the request may be retried (with the same Idempotency-Key).
    if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError || error instanceof Stripe.errors.StripeRateLimitError) {
      throw new ProblemException('stripe-unavailable', 503, 'Stripe unavailable', 'Stripe did not answer; try again (with the same Idempotency-Key).');
    }
    throw error;
  }
}

/** Stable across retries of the same operation; Stripe keys are at most 255 characters. */
export function idempotencyKey(operation: string, operationId: string): string {
  return `bo:${operation}:${operationId}`.slice(0, 255);
}

/** What our products carry in Stripe: name, description, features (Stripe's marketing features). */
export interface ProductFields {
  name?: string;
  description?: string | null;
  features?: string[];
}

/** A new product's parameters (empty description and features left out). */
export function productCreateParams(input: ProductFields & { name: string }, metadata: Record<string, string>): Stripe.ProductCreateParams {
  return {
    name: input.name,
    ...(input.description ? { description: input.description } : {}),
    ...(input.features?.length ? { marketing_features: input.features.map((name) => ({ name })) } : {}),
    metadata,
  };
}

/** A product change's parameters: only what the input names. */
export function productUpdateParams(input: ProductFields & { active?: boolean }): Stripe.ProductUpdateParams {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined && input.description !== null ? { description: input.description } : {}),
    ...(input.features !== undefined ? { marketing_features: input.features.map((name) => ({ name })) } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
  };
}
