import type { PathItemObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { HEALTH_LIVE_PATH, HEALTH_READY_PATH } from './health.controller';

/** One health indicator's result, as @nestjs/terminus documents it. */
const INDICATOR: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['up', 'degraded', 'down'] },
    responseTime: { type: 'number', description: 'Time the health indicator took to respond, in ms' },
  },
  additionalProperties: true,
};
const UP = { database: { status: 'up', responseTime: 12 } };
const DOWN = { redis: { status: 'down', message: 'Could not connect', responseTime: 3005 } };
const results = (example: object, nullable?: true): SchemaObject => ({ type: 'object', example, additionalProperties: INDICATOR, ...(nullable && { nullable }) });

/** The body of a health check answer (terminus' own schema, which its @HealthCheck() decorator documented). */
function healthCheckSchema(status: 'ok' | 'error'): SchemaObject {
  return {
    type: 'object',
    properties: {
      status: { type: 'string', enum: status === 'ok' ? ['ok', 'degraded'] : ['error', 'shutting_down'], example: status },
      info: results(UP, true),
      error: results(status === 'ok' ? {} : DOWN, true),
      details: results(status === 'ok' ? UP : { ...UP, ...DOWN }),
    },
  };
}

/**
 * The OpenAPI entries of the health routes, which are plain Fastify routes (health.controller.ts), not
 * Nest controllers, so the document generator cannot see them. Public: `security: []`.
 */
export const HEALTH_OPENAPI_PATHS: Record<string, PathItemObject> = {
  [HEALTH_LIVE_PATH]: {
    get: {
      operationId: 'Health_live',
      parameters: [],
      responses: { '200': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/LiveDto' } } } } },
      summary: 'Liveness: the process answers',
      tags: ['health'],
      security: [],
    },
  },
  [HEALTH_READY_PATH]: {
    get: {
      operationId: 'Health_ready',
      parameters: [],
      responses: {
        '200': { description: 'The Health Check is successful', content: { 'application/json': { schema: healthCheckSchema('ok') } } },
        '503': { description: 'Error\n\nThe Health Check is not successful', content: { 'application/json': { schema: healthCheckSchema('error') } } },
      },
      summary: 'Readiness: database and Redis answer, and the outbox relay is not lagging (OUTBOX_LAG_READY_SECONDS)',
      tags: ['health'],
      security: [],
    },
  },
};
