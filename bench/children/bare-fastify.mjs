// Baseline: a bare Fastify route (the HTTP framework under NestJS) answering the API's liveness JSON.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/api/v1/health/live', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
