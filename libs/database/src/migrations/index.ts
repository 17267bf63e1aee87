import { PlatformSpine1763860000000 } from './1763860000000-platform-spine';
import { InvitationsEmailIndex1763870000000 } from './1763870000000-invitations-email-index';
import { ReliableJobs1763881000000 } from './1763881000000-reliable-jobs';

/** Every migration, in order. Add new ones at the end; never edit a migration that has shipped. */
export const MIGRATIONS = [PlatformSpine1763860000000, InvitationsEmailIndex1763870000000, ReliableJobs1763881000000];
