import { createServer, type Server, type Socket } from 'node:net';

export interface FakeSmtpMessage {
  from: string;
  to: string[];
  data: string;
}

export interface FakeSmtp {
  port: number;
  messages: FakeSmtpMessage[];
  close: () => Promise<void>;
}

/**
 * A minimal SMTP server for tests: accepts mail, except recipients whose address starts with
 * "bounce" (550, permanent) or "busy" (451, temporary).
 */
export async function startFakeSmtp(): Promise<FakeSmtp> {
  const messages: FakeSmtpMessage[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let inData = false;
    let current: FakeSmtpMessage = { from: '', to: [], data: '' };
    socket.write('220 fake.smtp.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(current);
            current = { from: '', to: [], data: '' };
            socket.write(`250 2.0.0 Ok: queued as FAKE${messages.length}\r\n`);
          } else {
            current.data += (line.startsWith('..') ? line.slice(1) : line) + '\n';
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-fake.smtp.test\r\n250 8BITMIME\r\n');
        else if (verb === 'MAIL') {
          current.from = address;
          socket.write('250 2.1.0 Ok\r\n');
        } else if (verb === 'RCPT') {
          if (address.startsWith('bounce')) socket.write(`550 5.1.1 <${address}>: Recipient address rejected: User unknown\r\n`);
          else if (address.startsWith('busy')) socket.write('451 4.3.0 Temporary local problem, try again later\r\n');
          else {
            current.to.push(address);
            socket.write('250 2.1.5 Ok\r\n');
          }
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 2.0.0 Bye\r\n');
        } else socket.write('250 2.0.0 Ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    messages,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
