export async function runJobs() { throw new Error('not yet'); }
