import { once } from 'node:events';
import { connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/core';
import { withDatabase } from '@app/database';
import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp, uniqueEmail } from './harness';
import { waitFor } from './net-helpers';

type Signup = Awaited<ReturnType<typeof signup>>;

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** The server's side of each client connection, found by the client's port. */
class ServerSockets {
  private readonly byPort = new Map<number, Socket>();
  private readonly clientPorts = new WeakMap<Socket, number>();

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => this.byPort.set(socket.remotePort!, socket));
  }

  /** Call once `client` is connected (a destroyed socket forgets its port). */
  remember(client: Socket): void {
    this.clientPorts.set(client, client.localPort!);
  }

  async serverSide(client: Socket): Promise<Socket> {
    const port = this.clientPorts.get(client)!;
    await waitFor(() => this.byPort.has(port), 'the server to accept the connection');
    return this.byPort.get(port)!;
  }

  /** Resolves once the server has closed (or destroyed) its side of `client`'s connection. */
  async closed(client: Socket): Promise<void> {
    const socket = await this.serverSide(client);
    // Not events.once: an 'error' (the timeout's own) before 'close' must not reject.
    if (!socket.destroyed) await new Promise((resolve) => socket.once('close', resolve));
  }
}

/**
 * An app on a real port with the given settings, a raw-socket client, and a tenant whose audit CSV
 * (about 20 MB) is far more than socket buffers hold, so a client that does not read stalls its export.
 */
function stalledClients(env: Record<string, string>) {
  const f = {} as { t: TestApp; port: number; sockets: ServerSockets; pool: PgPool; owner: Signup };
  const clients: Socket[] = [];

  beforeAll(async () => {
    f.t = await startTestApp({ env: { DATABASE_POOL_SIZE: '10', EXPORTS_PER_USER: '2', ...env } });
    await f.t.app.listen(0, '127.0.0.1');
    const server = f.t.app.getHttpServer() as Server;
    f.port = (server.address() as AddressInfo).port;
    f.sockets = new ServerSockets(server);
    f.pool = (f.t.app.get(DataSource).driver as unknown as { master: PgPool }).master;
    f.owner = await signup(f.t);
    await ownerQuery(
      f.t,
      `insert into audit_logs (id, tenant_id, actor_type, action, entity_type, entity_id, user_agent, created_at)
       select gen_random_uuid(), $1, 'system', 'bulk.event', 'test', g::text, repeat('Mozilla/5.0 ', 10), now() - g * interval '1 millisecond'
         from generate_series(1, 80000) g`,
      [f.owner.tenantId],
    );
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await f.t.close();
  });

  const open = async (): Promise<Socket> => {
    const client = connect(f.port, '127.0.0.1');
    client.on('error', () => undefined);
    clients.push(client);
    await once(client, 'connect');
    f.sockets.remember(client);
    return client;
  };
  const exportRequest = (token: string) => `GET /api/v1/audit-logs/export HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n\r\n`;
  /** Starts an export and stops reading after its first chunk. */
  const stalledExport = async (token: string): Promise<Socket> => {
    const client = await open();
    client.write(exportRequest(token));
    const [first] = (await once(client, 'data')) as [Buffer];
    client.pause();
    expect(first.toString('latin1')).toMatch(/^HTTP\/1\.1 200/);
    return client;
  };
  const poolIdle = () => f.pool.waitingCount === 0 && f.pool.idleCount === f.pool.totalCount;
  return { f, open, exportRequest, stalledExport, poolIdle };
}

describe('server timeouts: stalled clients are cut off and release what they held (e2e)', () => {
  const { f, open, exportRequest, poolIdle } = stalledClients({
    HTTP_HEADERS_TIMEOUT_MS: '1000',
    HTTP_REQUEST_TIMEOUT_MS: '2000',
    HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
    HTTP_IDLE_TIMEOUT_MS: '3000',
    HTTP_WRITE_TIMEOUT_MS: '3000',
    DATABASE_STATEMENT_TIMEOUT_MS: '1000',
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1000',
  });
  /** Keeps a connection busy one byte at a time, so only a deadline (not the idle timeout) can end it. */
  const dribble = (client: Socket, byte: string) => {
    const timer = setInterval(() => (client.destroyed ? clearInterval(timer) : client.write(byte)), 200);
    client.once('close', () => clearInterval(timer));
  };

  it('the server is configured with every timeout', () => {
    const server = f.t.app.getHttpServer() as Server & { headersTimeout: number; requestTimeout: number; keepAliveTimeout: number; timeout: number };
    expect({ headers: server.headersTimeout, request: server.requestTimeout, keepAlive: server.keepAliveTimeout, idle: server.timeout }).toEqual({
      headers: 1000,
      request: 2000,
      keepAlive: 1000,
      idle: 3000,
    });
  });

  it('the runtime role\'s sessions end a runaway statement and a transaction left idle', async () => {
    const ds = f.t.app.get(DataSource);
    expect(await ds.query(`select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle`)).toEqual([{ statement: '1s', idle: '1s' }]);
    await expect(ds.query('select pg_sleep(3)')).rejects.toThrow(/statement timeout/);
    const runner = ds.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('select 1');
      await new Promise((r) => setTimeout(r, 1500));
      await expect(runner.query('select 1')).rejects.toThrow();
    } finally {
      await runner.release();
    }
    await waitFor(poolIdle, 'the pool to be idle');
    await f.t.http().get('/api/v1/roles').set(bearer(f.owner.tokens)).expect(200);
  });

  it('the runtime role carries the same timeouts as role defaults, for any client that connects as it', async () => {
    // The template database was set up by ensureDatabase with the default limits; a plain client sets nothing itself.
    const config = loadConfig();
    const client = new Client({ connectionString: withDatabase(config.databaseUrl, process.env.TEST_TEMPLATE_DB!) });
    await client.connect();
    try {
      const { rows } = await client.query(`select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle`);
      expect(rows).toEqual([{ statement: '30s', idle: '30s' }]);
    } finally {
      await client.end();
    }
  });

  it('a client that sends half its headers, slowly, is cut off', async () => {
    const client = await open();
    client.write('GET /api/v1/health/live HTTP/1.1\r\nHost: localhost\r\n');
    dribble(client, 'X');
    await f.sockets.closed(client);
  });

  it('a client that sends half its body, slowly, is cut off', async () => {
    const client = await open();
    client.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"email":"');
    dribble(client, 'a');
    await f.sockets.closed(client);
    await waitFor(poolIdle, 'the pool to be idle');
  });

  it('an idle keep-alive connection is closed after its answer', async () => {
    const client = await open();
    client.write('GET /api/v1/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n');
    const [answer] = (await once(client, 'data')) as [Buffer];
    expect(answer.toString('latin1')).toMatch(/^HTTP\/1\.1 200/);
    await f.sockets.closed(client);
  });

  it('a client that never reads a large export is cut off, and holds no database connection meanwhile', async () => {
    const client = await open();
    client.pause();
    client.write(exportRequest(f.owner.tokens.accessToken));
    await waitFor(() => client.readableLength > 0, 'the export to start');
    await waitFor(poolIdle, 'the pool to be idle while the export waits on its client');
    await f.sockets.closed(client);
    await waitFor(poolIdle, 'the pool to be idle');
    const after = await Promise.all(Array.from({ length: 20 }, () => f.t.http().get('/api/v1/roles').set(bearer(f.owner.tokens))));
    expect(after.map((res) => res.status)).toEqual(Array(20).fill(200));
  });
});

describe('audit log exports hold no database connection while their clients read (e2e)', () => {
  // Timeouts far away: these clients stay stalled for the whole test.
  const { f, stalledExport, poolIdle } = stalledClients({ HTTP_IDLE_TIMEOUT_MS: '120000', HTTP_WRITE_TIMEOUT_MS: '120000' });

  it('twelve slow readers of the export do not stop other requests (pool of 10)', async () => {
    const readers: Signup[] = [];
    for (let i = 0; i < 12; i++) {
      const reader = await signup(f.t, { email: uniqueEmail('reader') });
      const [membership] = await ownerQuery(f.t, `insert into memberships (id, tenant_id, user_id) values (gen_random_uuid(), $1, $2) returning id`, [f.owner.tenantId, reader.userId]);
      await ownerQuery(f.t, `insert into membership_roles (tenant_id, membership_id, role_id) select $1, $2, id from roles where tenant_id = $1 and key = 'viewer'`, [f.owner.tenantId, membership.id]);
      reader.tokens = (await f.t.http().post('/api/v1/auth/switch-tenant').set(bearer(reader.tokens)).send({ tenantId: f.owner.tenantId }).expect(200)).body;
      readers.push(reader);
    }
    const stalled = await Promise.all(readers.map((reader) => stalledExport(reader.tokens.accessToken)));

    const answers = await Promise.all(Array.from({ length: 20 }, () => f.t.http().get('/api/v1/roles').set(bearer(f.owner.tokens))));
    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(200));
    // ...while every export is still open.
    for (const client of stalled) expect((await f.sockets.serverSide(client)).destroyed).toBe(false);

    for (const client of stalled) client.destroy();
    for (const client of stalled) await f.sockets.closed(client);
    await waitFor(poolIdle, 'the pool to be idle');
  }, 120_000);

  it('one user runs at most EXPORTS_PER_USER exports at once (429 with Retry-After), and gets the slot back when one ends', async () => {
    const user = await signup(f.t);
    await ownerQuery(
      f.t,
      `insert into audit_logs (id, tenant_id, actor_type, action, entity_type, user_agent)
       select gen_random_uuid(), $1, 'system', 'bulk.event', 'test', repeat('Mozilla/5.0 ', 10) from generate_series(1, 80000)`,
      [user.tenantId],
    );
    const first = await stalledExport(user.tokens.accessToken);
    const second = await stalledExport(user.tokens.accessToken);
    const refused = await f.t.http().get('/api/v1/audit-logs/export').set(bearer(user.tokens));
    expectProblem(refused, 429, 'too-many-concurrent-requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another user is not affected.
    await f.t.http().get('/api/v1/audit-logs/export?action=none').set(bearer(f.owner.tokens)).expect(200);

    first.destroy();
    await f.sockets.closed(first);
    await waitFor(async () => (await f.t.http().get('/api/v1/audit-logs/export?action=none').set(bearer(user.tokens))).status === 200, 'the slot to be released');
    second.destroy();
  }, 60_000);
});
