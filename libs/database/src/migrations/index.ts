import { PlatformSpine1763860000000 } from './1763860000000-platform-spine';
import { InvitationsEmailIndex1763870000000 } from './1763870000000-invitations-email-index';
import { ApiKeysIdempotencyUsage1763880000000 } from './1763880000000-api-keys-idempotency-usage';
import { ReliableJobs1763881000000 } from './1763881000000-reliable-jobs';
import { Webhooks1763882000000 } from './1763882000000-webhooks';
import { SettingsFlagsEmail1763883000000 } from './1763883000000-settings-flags-email';
import { EmailMessageSealedContent1764200000000 } from './1764200000000-email-message-sealed-content';

/** Every migration, in order. Add new ones at the end; never edit a migration that has shipped. */
export const MIGRATIONS = [
  PlatformSpine1763860000000,
  InvitationsEmailIndex1763870000000,
  ApiKeysIdempotencyUsage1763880000000,
  ReliableJobs1763881000000,
  Webhooks1763882000000,
  SettingsFlagsEmail1763883000000,
  EmailMessageSealedContent1764200000000,
];
