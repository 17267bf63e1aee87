import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAcceptInvitation, useInvitationLookup } from '../../api/invitations';
import { asProblem, fieldErrors } from '../../api/problem';
import { AuthCard } from '../../components/auth-card';
import { LoadingState } from '../../components/loading-state';
import { ProblemAlert } from '../../components/problem-alert';

export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const lookup = useInvitationLookup(token);
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const needsTotp = asProblem(accept.error)?.slug === 'totp-required' || totpCode !== '';
  const errors = fieldErrors(accept.error);

  if (!token) {
    return (
      <AuthCard title="Accept invitation">
        <Alert color="red" title="This link is incomplete">
          Open the link from the invitation email again.
        </Alert>
      </AuthCard>
    );
  }
  if (lookup.isPending) return <LoadingState />;
  if (lookup.isError) {
    return (
      <AuthCard title="Accept invitation" footer={<Anchor component={Link} to="/login">Go to log in</Anchor>}>
        <ProblemAlert error={lookup.error} />
      </AuthCard>
    );
  }

  const invitation = lookup.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate(
      invitation.userExists ? { token, password, ...(totpCode ? { totpCode } : {}) } : { token, name, password },
      { onSuccess: () => navigate('/', { replace: true }) },
    );
  };

  return (
    <AuthCard
      title={`Join ${invitation.tenantName}`}
      subtitle={
        invitation.userExists
          ? `You already have an account as ${invitation.email}. Enter your password to accept.`
          : `Create your account for ${invitation.email}.`
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Email" value={invitation.email} readOnly disabled />
          {!invitation.userExists && (
            <TextInput label="Your name" autoComplete="name" required value={name} error={errors.name} onChange={(e) => setName(e.currentTarget.value)} />
          )}
          <PasswordInput
            label="Password"
            autoComplete={invitation.userExists ? 'current-password' : 'new-password'}
            required
            value={password}
            error={errors.password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          {needsTotp && (
            <TextInput
              label="Authentication code"
              description="Your account has two-factor authentication on."
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
              value={totpCode}
              error={errors.totpCode}
              onChange={(e) => setTotpCode(e.currentTarget.value.trim())}
            />
          )}
          <ProblemAlert error={asProblem(accept.error)?.slug === 'totp-required' ? null : accept.error} hideFields={['name', 'password', 'totpCode']} />
          <Button type="submit" loading={accept.isPending} fullWidth>
            Accept invitation
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            The invitation is valid for 48 hours and can be used once.
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
