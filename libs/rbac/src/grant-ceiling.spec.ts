import { type Principal, ProblemException, requestContext } from '@app/core';
import { assertGrantable } from './grant-ceiling';
import { expandTenantPermissions } from './permissions';

function as(patterns: string[], work: () => void): void {
  const principal: Principal = { userId: 'u', email: 'u@example.test', tenantId: 't', sessionId: 's', permissions: expandTenantPermissions(patterns), platformRole: null, impersonatorId: null };
  requestContext.run({ requestId: 'test', ip: null, userAgent: null, principal, tenantId: 't', manager: null }, work);
}

function refusal(work: () => void): ProblemException {
  try {
    work();
  } catch (error) {
    return error as ProblemException;
  }
  throw new Error('expected a refusal');
}

describe('assertGrantable (the permission boundary)', () => {
  it('lets an actor grant what it holds, wildcards included', () => {
    as(['members:*', 'roles:read'], () => {
      expect(() => assertGrantable(['members:read', 'members:write', 'roles:read'], 'this role')).not.toThrow();
      expect(() => assertGrantable(['members:*'], 'this role')).not.toThrow();
      expect(() => assertGrantable([], 'this role')).not.toThrow();
    });
    as(['*'], () => expect(() => assertGrantable(['*'], 'this role')).not.toThrow());
  });

  it('refuses with one 403 problem naming every permission the actor lacks, after expanding wildcards', () => {
    as(['roles:write'], () => {
      const problem = refusal(() => assertGrantable(['roles:write', '*:write'], 'this role'));
      expect(problem.getStatus()).toBe(403);
      expect(problem.toBody()).toMatchObject({ type: 'https://problems.backoffice.dev/grant-exceeds-own-permissions', permissions: expect.arrayContaining(['members:write', 'tenant:write']) });
      expect(problem.toBody().permissions).not.toContain('roles:write');
      expect(problem.detail).toContain('members:write');
    });
  });

  it('refuses when nobody is signed in', () => {
    expect(refusal(() => assertGrantable(['members:read'], 'this role')).getStatus()).toBe(401);
  });
});
