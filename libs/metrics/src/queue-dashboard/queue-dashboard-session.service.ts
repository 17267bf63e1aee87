import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { type Principal, Problems } from '@app/core';
import { QueueDashboardAccess } from './queue-dashboard-access.service';
import { QUEUE_DASHBOARD_PATH } from './queue-dashboard.constants';
import type { QueueDashboardSessionDto } from './dto/queue-dashboard-session.dto';

/** Opens a dashboard session for a staff member already signed in with a bearer token (audited). */
@Injectable()
export class QueueDashboardSessionService {
  constructor(
    private readonly access: QueueDashboardAccess,
    private readonly audit: AuditService,
  ) {}

  async open(principal: Principal): Promise<{ cookie: string; session: QueueDashboardSessionDto }> {
    if (!principal.sessionId) throw Problems.forbidden('The queue dashboard needs a signed-in staff session.');
    const { cookie, expiresAt } = this.access.issueCookie(principal.userId, principal.sessionId);
    const session = { url: `${QUEUE_DASHBOARD_PATH}/`, expiresAt: expiresAt.toISOString() };
    await this.audit.record({ action: 'queue_dashboard.session_opened', entityType: 'queue_dashboard', entityId: null, tenantId: null, after: { expiresAt: session.expiresAt } });
    return { cookie, session };
  }
}
