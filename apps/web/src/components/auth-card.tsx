import { Anchor, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** Frame of the signed-out pages (login, signup, password reset, invitation). */
export function AuthCard({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <Center mih="100vh" p="md" bg="var(--app-color-backdrop)">
      <Stack w="100%" maw={420}>
        <Anchor component={Link} to="/" ta="center" fw={700} size="lg" underline="never">
          Back office
        </Anchor>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Title order={1} size="h2" mb={subtitle ? 4 : 'md'}>
            {title}
          </Title>
          {subtitle && (
            <Text c="dimmed" size="sm" mb="md">
              {subtitle}
            </Text>
          )}
          {children}
        </Paper>
        {footer && (
          <Text ta="center" size="sm">
            {footer}
          </Text>
        )}
      </Stack>
    </Center>
  );
}
