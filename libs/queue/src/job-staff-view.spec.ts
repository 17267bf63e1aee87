import { JOB_STAFF_FIELDS, REDACTED, staffViewOfPayload } from './job-staff-view';
import { JobName } from './queue-names';

describe('staff view of job payloads', () => {
  it('has a policy for every job name', () => {
    expect(Object.keys(JOB_STAFF_FIELDS).sort()).toEqual(Object.values(JobName).sort());
  });

  it('shows the policy\'s fields and redacts every other one', () => {
    const payload = { tenantId: 't', emailMessageId: 'm', to: 'a@b.test', text: 'https://x/?token=secret' };
    expect(staffViewOfPayload(JobName.SendEmail, payload)).toEqual({ tenantId: 't', emailMessageId: 'm', to: REDACTED, text: REDACTED });
  });

  it('shows nothing of an unknown job name or of a payload that is not an object', () => {
    expect(staffViewOfPayload('gone.job', { tenantId: 't' })).toEqual({ tenantId: REDACTED });
    expect(staffViewOfPayload(JobName.SendEmail, 'token=secret')).toEqual({ payload: REDACTED });
    expect(staffViewOfPayload(JobName.SendEmail, ['token=secret'])).toEqual({ payload: REDACTED });
    expect(staffViewOfPayload(JobName.HealthPing, undefined)).toEqual({});
  });
});
