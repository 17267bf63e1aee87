const TIMEOUT_MS = 2000;

export interface ServiceCheck {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

/** Times one probe (ping, select 1); a probe slower than 2 s counts as down. */
export async function checkService(probe: () => Promise<unknown>): Promise<ServiceCheck> {
  const started = process.hrtime.bigint();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { ok: true, latencyMs: elapsed(started) };
  } catch (error) {
    return { ok: false, latencyMs: elapsed(started), error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
}
