import { SetMetadata } from '@nestjs/common';

export const WITHOUT_TRANSACTION_KEY = 'database:without-transaction';

/**
 * Routes that must not open the per-request transaction: probes that answer without the database
 * (liveness) or check it themselves (readiness), so a database outage shows in the right check.
 */
export const WithoutTransaction = () => SetMetadata(WITHOUT_TRANSACTION_KEY, true);
