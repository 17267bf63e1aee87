import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useForgotPassword } from '../../api/auth';
import { fieldErrors } from '../../api/problem';
import { AuthCard } from '../../components/auth-card';
import { ProblemAlert } from '../../components/problem-alert';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const forgot = useForgotPassword();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    forgot.mutate(email);
  };
  return (
    <AuthCard
      title="Reset your password"
      subtitle="We will email you a link to choose a new password."
      footer={
        <Anchor component={Link} to="/login">
          Back to log in
        </Anchor>
      }
    >
      {forgot.isSuccess ? (
        <Alert color="green" title="Check your inbox">
          If an account exists for {email}, a reset link is on its way. It is valid for 15 minutes.
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput label="Email" type="email" required value={email} error={fieldErrors(forgot.error).email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <ProblemAlert error={forgot.error} hideFields={['email']} />
            <Button type="submit" loading={forgot.isPending} fullWidth>
              Send reset link
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
