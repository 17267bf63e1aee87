import 'reflect-metadata';
import { Body, Controller, Module, Post, SetMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { BodyLimit } from './body-limit.decorator';
import { INPUT_LIMITS } from './input-limits';
import { installInputBounds } from './install-input-bounds';
import { applyRouteBodyLimits } from './route-body-limits';

const OPEN = 'test:open';

@Controller('t')
class SampleController {
  @Post('open')
  @SetMetadata(OPEN, true)
  open(@Body() body: unknown) {
    return { ok: Boolean(body) };
  }

  @Post('open-large/:id')
  @SetMetadata(OPEN, true)
  @BodyLimit(8_192)
  openLarge(@Body() body: unknown) {
    return { ok: Boolean(body) };
  }

  @Post('closed')
  closed(@Body() body: unknown) {
    return { ok: Boolean(body) };
  }
}

@Module({ controllers: [SampleController] })
class SampleModule {}

describe('applyRouteBodyLimits', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(SampleModule, new FastifyAdapter({ bodyLimit: 4_096 }), { logger: false, bodyParser: false });
    const fastify = app.getHttpAdapter().getInstance();
    installInputBounds(fastify, INPUT_LIMITS);
    applyRouteBodyLimits(app, fastify, { isPublic: (handler) => Reflect.getMetadata(OPEN, handler) === true, publicBytes: 1_024, authenticatedBytes: 4_096 });
    await app.init();
    await fastify.ready();
  });
  afterAll(() => app.close());

  const post = (url: string, bytes: number, contentType = 'application/json') =>
    app.getHttpAdapter().getInstance().inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload: JSON.stringify({ pad: 'x'.repeat(bytes) }) });

  it('gives public routes the small limit, authenticated ones the large one, and honours @BodyLimit', async () => {
    expect((await post('/t/open', 500)).statusCode).toBe(201);
    expect((await post('/t/open', 2_000)).statusCode).toBe(413);
    expect((await post('/t/closed', 2_000)).statusCode).toBe(201);
    expect((await post('/t/closed', 5_000)).statusCode).toBe(413);
    expect((await post('/t/open-large/1', 5_000)).statusCode).toBe(201);
    expect((await post('/t/open-large/1', 9_000)).statusCode).toBe(413);
  });

  it('parses only JSON', async () => {
    expect((await post('/t/closed', 10, 'text/plain')).statusCode).toBe(415);
    expect((await post('/t/closed', 10, 'application/x-www-form-urlencoded')).statusCode).toBe(415);
    expect((await post('/t/closed', 10, 'application/vnd.api+json; charset=utf-8')).statusCode).toBe(201);
  });
});
