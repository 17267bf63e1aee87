import { createBrowserRouter } from 'react-router';
import { AppLayout } from './layout/app-layout';
import { RequireAuth } from './layout/require-auth';
import { RequirePermission, RequirePlatformStaff, RequireTenant } from './layout/require-permission';
import { SecurityPage } from './pages/account/security-page';
import { SessionsPage } from './pages/account/sessions-page';
import { AdminTenantsPage } from './pages/admin/admin-tenants-page';
import { DeadLettersPage } from './pages/admin/dead-letters-page';
import { ApiKeysPage } from './pages/api-keys/api-keys-page';
import { AuditLogPage } from './pages/audit-log/audit-log-page';
import { PlatformSettingsPage } from './pages/admin/platform-settings-page';
import { AcceptInvitationPage } from './pages/auth/accept-invitation-page';
import { ConfirmSignupPage } from './pages/auth/confirm-signup-page';
import { ForgotPasswordPage } from './pages/auth/forgot-password-page';
import { LoginPage } from './pages/auth/login-page';
import { ResetPasswordPage } from './pages/auth/reset-password-page';
import { SignupPage } from './pages/auth/signup-page';
import { VerifyEmailPage } from './pages/auth/verify-email-page';
import { EmailMessagesPage } from './pages/email/email-messages-page';
import { EmailTemplateEditorPage } from './pages/email/email-template-editor-page';
import { EmailTemplatesPage } from './pages/email/email-templates-page';
import { HomeRedirect } from './pages/home-redirect';
import { InvitationsPage } from './pages/invitations/invitations-page';
import { MembersPage } from './pages/members/members-page';
import { NotFoundPage } from './pages/not-found-page';
import { RolesPage } from './pages/roles/roles-page';
import { SelectTenantPage } from './pages/select-tenant-page';
import { TenantSettingsPage } from './pages/settings/tenant-settings-page';
import { UsagePage } from './pages/usage/usage-page';
import { WebhookEndpointPage } from './pages/webhooks/webhook-endpoint-page';
import { WebhooksPage } from './pages/webhooks/webhooks-page';

const tenantPage = (permissions: string[], page: React.ReactNode) => (
  <RequireTenant>
    <RequirePermission anyOf={permissions}>{page}</RequirePermission>
  </RequireTenant>
);

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/signup', element: <SignupPage /> },
  { path: '/confirm-signup', element: <ConfirmSignupPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/accept-invitation', element: <AcceptInvitationPage /> },
  { path: '/verify-email', element: <VerifyEmailPage /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'members', element: tenantPage(['members:read'], <MembersPage />) },
      { path: 'invitations', element: tenantPage(['invitations:read'], <InvitationsPage />) },
      { path: 'roles', element: tenantPage(['roles:read'], <RolesPage />) },
      { path: 'settings', element: tenantPage(['tenant:read', 'tenant:write'], <TenantSettingsPage />) },
      { path: 'api-keys', element: tenantPage(['api_keys:read'], <ApiKeysPage />) },
      { path: 'audit-log', element: tenantPage(['audit:read'], <AuditLogPage />) },
      { path: 'usage', element: tenantPage(['usage:read'], <UsagePage />) },
      { path: 'webhooks', element: tenantPage(['webhooks:read'], <WebhooksPage />) },
      { path: 'webhooks/:id', element: tenantPage(['webhooks:read'], <WebhookEndpointPage />) },
      { path: 'email-templates', element: tenantPage(['email_templates:read'], <EmailTemplatesPage />) },
      { path: 'email-templates/:key', element: tenantPage(['email_templates:read'], <EmailTemplateEditorPage />) },
      { path: 'email-messages', element: tenantPage(['email_templates:read'], <EmailMessagesPage />) },
      { path: 'account/security', element: <SecurityPage /> },
      { path: 'account/sessions', element: <SessionsPage /> },
      { path: 'select-tenant', element: <SelectTenantPage /> },
      { path: 'pending-approval', element: <HomeRedirect /> },
      {
        path: 'admin/tenants',
        element: (
          <RequirePlatformStaff>
            <AdminTenantsPage />
          </RequirePlatformStaff>
        ),
      },
      {
        path: 'admin/settings',
        element: (
          <RequirePlatformStaff>
            <RequirePermission anyOf={['platform.settings:read']}>
              <PlatformSettingsPage />
            </RequirePermission>
          </RequirePlatformStaff>
        ),
      },
      {
        path: 'admin/dead-letters',
        element: (
          <RequirePermission anyOf={['platform.jobs:read']}>
            <DeadLettersPage />
          </RequirePermission>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
