// Runs one page query over and over as the runtime role (row-level security applies, bound to one
// tenant like the API's transaction), with `concurrency` connections, and reports latency samples.
// Receives { type: 'run', databaseUrl, tenantId, sql, paramSets, concurrency, durationSeconds } over IPC.
import pg from 'pg';

let clients = [];

async function connect(databaseUrl, tenantId, concurrency) {
  if (clients.length) return;
  for (let i = 0; i < concurrency; i++) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`select set_config('app.tenant_id', $1, false)`, [tenantId]);
    clients.push(client);
  }
}

process.on('message', async (message) => {
  try {
    if (message?.type === 'connect') {
      await connect(message.databaseUrl, message.tenantId, message.concurrency);
      const pids = [];
      for (const client of clients) pids.push((await client.query('select pg_backend_pid() as pid')).rows[0].pid);
      process.send({ type: 'connected', pids });
    } else if (message?.type === 'run') {
      const cpuBefore = process.cpuUsage();
      process.send({ type: 'started' });
      const deadline = performance.now() + message.durationSeconds * 1000;
      const latencies = [];
      let next = 0;
      await Promise.all(clients.map(async (client) => {
        while (performance.now() < deadline) {
          const params = message.paramSets[next++ % message.paramSets.length];
          const t0 = performance.now();
          const { rows } = await client.query(message.sql, params);
          latencies.push(performance.now() - t0);
          if (rows.length !== message.expectRows) throw new Error(`page returned ${rows.length} rows, expected ${message.expectRows}`);
        }
      }));
      const cpu = process.cpuUsage(cpuBefore);
      process.send({ type: 'done', latencies, cpuMs: (cpu.user + cpu.system) / 1000 });
    } else if (message?.type === 'exit') {
      await Promise.all(clients.map((c) => c.end()));
      process.exit(0);
    }
  } catch (error) {
    process.send({ type: 'error', message: error.stack ?? String(error) });
  }
});
