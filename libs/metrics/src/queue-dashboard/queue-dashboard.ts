import { Injectable } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { sendProblem, toProblem } from '@app/core';
import { MonitoredQueues } from '../monitored-queues';
import { QueueDashboardAccess } from './queue-dashboard-access.service';
import { QUEUE_DASHBOARD_PATH } from './queue-dashboard.constants';
import { RedactedBullMQAdapter } from './redacted-bullmq.adapter';

/**
 * bull-board on the API's Fastify instance at /admin/queues, in its own encapsulated scope whose
 * onRequest hook admits only platform staff holding a dashboard cookie. Changing jobs (retry, clean,
 * pause) also needs platform.jobs:write, so support staff get a read-only board. Job data is shown
 * redacted per job name (JOB_STAFF_FIELDS).
 */
@Injectable()
export class QueueDashboard {
  constructor(
    private readonly queues: MonitoredQueues,
    private readonly access: QueueDashboardAccess,
  ) {}

  /** Must run before another @fastify/static is registered at the root (both decorate reply.sendFile). */
  async mount(fastify: FastifyInstance): Promise<void> {
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: this.queues.all().map((queue) => new RedactedBullMQAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Back Office queues' } },
    });
    await fastify.register(
      async (scope) => {
        scope.addHook('onRequest', async (request, reply) => {
          try {
            await this.access.viewer(request.headers.cookie, request.method);
          } catch (error) {
            return sendProblem(reply, toProblem(error, request.id));
          }
        });
        await scope.register(serverAdapter.registerPlugin());
      },
      { prefix: QUEUE_DASHBOARD_PATH },
    );
  }
}
