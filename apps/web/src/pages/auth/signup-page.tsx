import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useSignup } from '../../api/auth';
import { fieldErrors } from '../../api/problem';
import { AuthCard } from '../../components/auth-card';
import { ProblemAlert } from '../../components/problem-alert';

const FIELDS = ['name', 'email', 'password', 'tenantName'];

export function SignupPage() {
  const [form, setForm] = useState({ name: '', email: '', password: '', tenantName: '' });
  const signup = useSignup();
  const errors = fieldErrors(signup.error);
  const field = (key: keyof typeof form) => ({
    value: form[key],
    error: errors[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.currentTarget.value }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signup.mutate(form);
  };

  if (signup.isSuccess) {
    return (
      <AuthCard title="Check your email">
        <Alert color="green" title="Check your email">
          We sent a message to {form.email}. Open the link in it within 24 hours to create your account and {form.tenantName}.
        </Alert>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Create your organization"
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to="/login">
            Log in
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Your name" autoComplete="name" required {...field('name')} />
          <TextInput label="Email" type="email" autoComplete="email" required {...field('email')} />
          <PasswordInput label="Password" autoComplete="new-password" required description="At least 10 characters." {...field('password')} />
          <TextInput label="Organization name" required {...field('tenantName')} />
          <ProblemAlert error={signup.error} hideFields={FIELDS} />
          <Button type="submit" loading={signup.isPending} fullWidth>
            Sign up
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
