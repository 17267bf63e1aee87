import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}

/** Polls `check` until it holds. */
export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Polls `probe` until it answers something other than undefined, and returns that. */
export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The value of one Prometheus sample line, e.g. sample(text, 'queue_jobs{queue="email",state="delayed"}'). */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** A private redis-server without persistence, for tests that stop, restart or flush Redis. */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('Ready to accept connections') || child.exitCode !== null, 'redis-server to start');
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
  }

  /** Freezes the server (SIGSTOP): connections stay open and nothing answers, like a Redis under load. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** Kills the server (SIGKILL by default; SIGTERM lets it close its connections first) and waits for it to exit. */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    this.resume();
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.child = null;
    child.kill(signal);
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  }
}

export interface SmtpMessage {
  to: string[];
  data: string;
}

/**
 * A minimal SMTP server (no TLS, no auth) that counts a message as delivered only once it answered
 * 250 to its DATA, as a real mail server does. `holdFor` keeps messages to one address unanswered
 * (the sender waits) until `release()`; a connection that drops while held delivers nothing.
 */
export class FakeSmtp {
  readonly delivered: SmtpMessage[] = [];
  readonly held: { message: SmtpMessage; socket: Socket }[] = [];
  /** Messages to this address wait for release() instead of being accepted. */
  holdFor: string | null = null;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((socket) => this.session(socket));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as { port: number }).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  deliveredTo(address: string): SmtpMessage[] {
    return this.delivered.filter((m) => m.to.includes(address));
  }

  release(): void {
    this.holdFor = null;
    for (const { message, socket } of this.held.splice(0)) {
      if (socket.destroyed) continue;
      this.delivered.push(message);
      socket.write('250 2.0.0 queued\r\n');
    }
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
    this.server = null;
  }

  private session(socket: Socket): void {
    let buffer = '';
    let inData = false;
    let current: SmtpMessage = { to: [], data: '' };
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write('220 fake-smtp ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          const message = current;
          current = { to: [], data: '' };
          if (this.holdFor && message.to.includes(this.holdFor)) this.held.push({ message, socket });
          else {
            this.delivered.push(message);
            socket.write('250 2.0.0 queued\r\n');
          }
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 fake-smtp\r\n');
        else if (verb === 'MAIL') socket.write('250 2.1.0 ok\r\n');
        else if (verb === 'RCPT') {
          // Addresses starting with "bounce" are refused for good (550), "busy" for now (451).
          const address = /<([^<>]*)>/.exec(line)?.[1] ?? '';
          if (address.startsWith('bounce')) socket.write(`550 5.1.1 <${address}>: Recipient address rejected: User unknown\r\n`);
          else if (address.startsWith('busy')) socket.write('451 4.3.0 Temporary local problem, try again later\r\n');
          else {
            current.to.push(address);
            socket.write('250 2.1.5 ok\r\n');
          }
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 end with <CRLF>.<CRLF>\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 2.0.0 bye\r\n');
        } else socket.write('250 ok\r\n');
      }
    });
  }
}

/**
 * A local receiver of a tenant's outgoing webhooks (the app needs WEBHOOKS_ALLOW_PRIVATE=true to deliver
 * to it): tests never send deliveries to an outside address, whose connection may hang past the test.
 */
export class WebhookReceiver {
  readonly received: Array<{ headers: IncomingHttpHeaders; body: any }> = [];
  private server!: HttpServer;
  async start(): Promise<string> {
    this.server = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
