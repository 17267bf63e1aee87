import { PassThrough } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

const logger = new Logger('StreamResponse');

/** Resolves true once the stream wants more, false when it did not within `timeoutMs` or closed. */
function drained(stream: PassThrough, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (wants: boolean) => {
      clearTimeout(timer);
      stream.off('drain', onDrain);
      stream.off('close', onClose);
      resolve(wants);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    stream.on('drain', onDrain);
    stream.on('close', onClose);
  });
}

/**
 * Sends `chunks` as the response body (headers set by the caller), pulling the next chunk only when
 * the client has read the previous ones. A client that stops reading for `writeTimeoutMs` has its
 * connection cut, so nothing the producer holds waits on it. A producer error also cuts the response
 * short: its headers are gone already.
 */
export async function streamResponse(reply: FastifyReply, chunks: AsyncIterable<string>, writeTimeoutMs: number): Promise<void> {
  const stream = new PassThrough();
  void reply.send(stream);
  const cut = () => {
    stream.destroy();
    reply.raw.destroy();
  };
  try {
    for await (const chunk of chunks) {
      if (stream.destroyed || reply.raw.destroyed) return;
      if (!stream.write(chunk) && !(await drained(stream, writeTimeoutMs))) return cut();
    }
    stream.end();
  } catch (error) {
    logger.error(`Streamed response failed: ${(error as Error).message}`);
    cut();
  }
}
