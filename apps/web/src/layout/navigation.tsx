import { NavLink, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useSession } from '../auth/use-session';

interface NavItem {
  to: string;
  label: string;
  visible: boolean;
}

function NavSection({ title, items, onNavigate }: { title: string; items: NavItem[]; onNavigate?: () => void }) {
  const location = useLocation();
  const shown = items.filter((item) => item.visible);
  if (shown.length === 0) return null;
  return (
    <div>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
        {title}
      </Text>
      {shown.map((item) => (
        <NavLink
          key={item.to}
          component={Link}
          to={item.to}
          label={item.label}
          onClick={onNavigate}
          active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
        />
      ))}
    </div>
  );
}

/** `onNavigate` runs when a link is followed (the phone layout closes its navigation drawer then). */
export function Navigation({ onNavigate }: { onNavigate?: () => void }) {
  const { activeTenant, can, isPlatformStaff } = useSession();
  const inTenant = Boolean(activeTenant);
  return (
    <Stack gap="lg" component="nav" aria-label="Main">
      <NavSection
        onNavigate={onNavigate}
        title={activeTenant?.name ?? 'Organization'}
        items={[
          { to: '/members', label: 'Members', visible: inTenant && can('members:read') },
          { to: '/invitations', label: 'Invitations', visible: inTenant && can('invitations:read') },
          { to: '/roles', label: 'Roles', visible: inTenant && can('roles:read') },
          { to: '/webhooks', label: 'Webhooks', visible: inTenant && can('webhooks:read') },
          { to: '/email-templates', label: 'Email templates', visible: inTenant && can('email_templates:read') },
          { to: '/settings', label: 'Settings', visible: inTenant && (can('tenant:read') || can('tenant:write')) },
          { to: '/api-keys', label: 'API keys', visible: inTenant && can('api_keys:read') },
          { to: '/audit-log', label: 'Audit log', visible: inTenant && can('audit:read') },
          { to: '/usage', label: 'Usage', visible: inTenant && can('usage:read') },
        ]}
      />
      <NavSection
        onNavigate={onNavigate}
        title="Billing"
        items={[
          { to: '/billing/connect', label: 'Stripe connection', visible: inTenant && can('billing:read') },
          { to: '/billing/dashboard', label: 'Dashboard', visible: inTenant && can('billing:read') },
          { to: '/billing/customers', label: 'Customers', visible: inTenant && can('billing:read') },
          { to: '/billing/subscriptions', label: 'Subscriptions', visible: inTenant && can('billing:read') },
          { to: '/billing/invoices', label: 'Invoices', visible: inTenant && can('billing:read') },
          { to: '/billing/failed-payments', label: 'Failed payments', visible: inTenant && can('billing:read') },
          { to: '/billing/payments', label: 'Payments', visible: inTenant && can('billing:read') },
          { to: '/billing/refund-requests', label: 'Refund requests', visible: inTenant && can('billing:read') },
          { to: '/billing/disputes', label: 'Disputes', visible: inTenant && can('billing:read') },
          { to: '/billing/coupons', label: 'Coupons', visible: inTenant && can('billing:read') },
          { to: '/billing/sync', label: 'Stripe sync', visible: inTenant && can('billing:read') },
          { to: '/billing/products', label: 'Products', visible: inTenant && can('billing:read') },
        ]}
      />
      <NavSection
        onNavigate={onNavigate}
        title="Account"
        items={[
          { to: '/account/billing', label: 'My billing', visible: inTenant },
          { to: '/account/security', label: 'Security', visible: true },
          { to: '/account/sessions', label: 'Sessions', visible: true },
        ]}
      />
      <NavSection
        onNavigate={onNavigate}
        title="Platform"
        items={[
          { to: '/admin/tenants', label: 'Tenants', visible: isPlatformStaff },
          { to: '/admin/settings', label: 'Platform settings', visible: isPlatformStaff && can('platform.settings:read') },
          { to: '/admin/dead-letters', label: 'Dead letters', visible: can('platform.jobs:read') },
          { to: '/admin/billing/plans', label: 'Plans for tenants', visible: can('platform.billing:read') },
          { to: '/admin/billing/stripe-events', label: 'Stripe events', visible: can('platform.billing:read') },
          { to: '/admin/billing/sync', label: 'Sync health', visible: can('platform.billing:read') },
          { to: '/admin/billing/webhook-health', label: 'Webhook health', visible: can('platform.billing:read') },
        ]}
      />
    </Stack>
  );
}
