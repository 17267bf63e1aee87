/** An invitation's status, derived from its timestamps (alias `i`). */
export const INVITATION_STATUS_SQL = `case when i.accepted_at is not null then 'accepted'
                                            when i.revoked_at is not null then 'revoked'
                                            when i.expires_at <= now() then 'expired'
                                            else 'pending' end`;
