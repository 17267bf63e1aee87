import { JobName } from '@app/queue';
import { indexHandlers } from './job-handlers';

const noop = async () => undefined;

describe('indexHandlers', () => {
  it('accepts exactly one handler per job name', () => {
    const map = indexHandlers(Object.values(JobName).map((name) => ({ name, handle: noop })));
    expect(map.size).toBe(Object.values(JobName).length);
  });

  it('refuses a job name with no handler', () => {
    expect(() => indexHandlers([{ name: JobName.SendEmail, handle: noop }])).toThrow(/without a handler/);
  });

  it('refuses a job name with two handlers', () => {
    const all = Object.values(JobName).map((name) => ({ name, handle: noop }));
    expect(() => indexHandlers([...all, { name: JobName.SendEmail, handle: noop }])).toThrow(/two handlers/);
  });
});
