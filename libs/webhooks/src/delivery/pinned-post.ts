import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress, WebhookTarget } from './webhook-target';

export interface PostResult {
  /** HTTP status, or null when no response arrived (refused, timed out...). */
  status: number | null;
  /** The first `maxResponseBytes` of the response body. */
  body: string | null;
  durationMs: number;
  error: string | null;
}

/** A `lookup` that answers every query with the address checked beforehand. */
function pinnedLookup(address: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  }) as unknown as LookupFunction;
}

/**
 * POSTs `body` to a checked target, connecting only to its pinned address. Redirects are not followed
 * (node's http client never does); the whole exchange is bounded by `timeoutMs`.
 */
export function postPinned(
  target: WebhookTarget,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; maxResponseBytes?: number },
): Promise<PostResult> {
  const maxBytes = options.maxResponseBytes ?? 4096;
  const started = process.hrtime.bigint();
  const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  const secure = target.url.protocol === 'https:';
  const requestOptions: RequestOptions = {
    method: 'POST',
    hostname: target.host,
    port: target.url.port || (secure ? 443 : 80),
    path: `${target.url.pathname}${target.url.search}`,
    headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
    lookup: pinnedLookup(target.address),
    agent: false,
  };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<PostResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    const req = (secure ? httpsRequest : httpRequest)(requestOptions, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      // NUL is the one character PostgreSQL text cannot hold.
      const done = () => finish({ status: res.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8').replace(/\u0000/g, ''), error: null });
      res.on('data', (chunk: Buffer) => {
        if (size < maxBytes) chunks.push(chunk.subarray(0, maxBytes - size));
        size += chunk.length;
        if (size >= maxBytes) {
          done();
          res.destroy();
        }
      });
      res.on('end', done);
      res.on('error', done);
      res.on('close', done);
    });
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('error', (error) => finish({ status: null, body: null, error: error.message || String(error) }));
    req.end(body);
  });
}
