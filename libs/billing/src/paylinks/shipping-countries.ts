import type { CheckoutSessionParams } from '../gateway/stripe-gateway';

type Country = NonNullable<CheckoutSessionParams['shipping_address_collection']>['allowed_countries'][number];

/** Where a pay link that asks for a shipping address ships: Stripe needs the list spelled out. */
export const SHIPPING_COUNTRIES: Country[] = [
  'AT', 'AU', 'BE', 'BG', 'BR', 'CA', 'CH', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GB', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT', 'JP', 'LI', 'LT', 'LU',
  'LV', 'MT', 'MX', 'NL', 'NO', 'NZ', 'PL', 'PT', 'RO', 'SE', 'SG', 'SI', 'SK', 'US',
];
