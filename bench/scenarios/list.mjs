export async function runList() { throw new Error('not yet'); }
