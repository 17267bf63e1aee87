import { matchRoutes, useLocation, useRoutes, type RouteObject } from 'react-router';
import { AppLayout } from './layout/app-layout';
import { useDocumentTitle, type RouteHandle } from './layout/document-title';
import { lazyComponent } from './components/lazy-component';
import { RequireAuth } from './layout/require-auth';
import { RequirePermission, RequirePlatformStaff, RequireTenant } from './layout/require-permission';
import { RouteOutlet } from './layout/route-outlet';
import { HomeRedirect } from './pages/home-redirect';

// Every page is its own chunk: the first download is the shell and the page being opened.
const SecurityPage = lazyComponent(() => import('./pages/account/security-page'), 'SecurityPage');
const SessionsPage = lazyComponent(() => import('./pages/account/sessions-page'), 'SessionsPage');
const MemberBillingPage = lazyComponent(() => import('./pages/account/member-billing-page'), 'MemberBillingPage');
const AdminTenantsPage = lazyComponent(() => import('./pages/admin/admin-tenants-page'), 'AdminTenantsPage');
const DeadLettersPage = lazyComponent(() => import('./pages/admin/dead-letters-page'), 'DeadLettersPage');
const PlatformSettingsPage = lazyComponent(() => import('./pages/admin/platform-settings-page'), 'PlatformSettingsPage');
const PlatformPlansPage = lazyComponent(() => import('./pages/admin/platform-plans-page'), 'PlatformPlansPage');
const StripeEventsPage = lazyComponent(() => import('./pages/admin/stripe-events-page'), 'StripeEventsPage');
const BillingSyncHealthPage = lazyComponent(() => import('./pages/admin/billing-sync-health-page'), 'BillingSyncHealthPage');
const WebhookHealthPage = lazyComponent(() => import('./pages/admin/webhook-health-page'), 'WebhookHealthPage');
const ApiKeysPage = lazyComponent(() => import('./pages/api-keys/api-keys-page'), 'ApiKeysPage');
const AuditLogPage = lazyComponent(() => import('./pages/audit-log/audit-log-page'), 'AuditLogPage');
const AcceptInvitationPage = lazyComponent(() => import('./pages/auth/accept-invitation-page'), 'AcceptInvitationPage');
const ConfirmSignupPage = lazyComponent(() => import('./pages/auth/confirm-signup-page'), 'ConfirmSignupPage');
const ForgotPasswordPage = lazyComponent(() => import('./pages/auth/forgot-password-page'), 'ForgotPasswordPage');
const LoginPage = lazyComponent(() => import('./pages/auth/login-page'), 'LoginPage');
const ResetPasswordPage = lazyComponent(() => import('./pages/auth/reset-password-page'), 'ResetPasswordPage');
const SignupPage = lazyComponent(() => import('./pages/auth/signup-page'), 'SignupPage');
const VerifyEmailPage = lazyComponent(() => import('./pages/auth/verify-email-page'), 'VerifyEmailPage');
const CustomersPage = lazyComponent(() => import('./pages/billing/customers-page'), 'CustomersPage');
const ProductPage = lazyComponent(() => import('./pages/billing/product-page'), 'ProductPage');
const ProductsPage = lazyComponent(() => import('./pages/billing/products-page'), 'ProductsPage');
const StripeConnectionPage = lazyComponent(() => import('./pages/billing/stripe-connection-page'), 'StripeConnectionPage');
const CustomerPage = lazyComponent(() => import('./pages/billing/customer-page'), 'CustomerPage');
const SubscriptionsPage = lazyComponent(() => import('./pages/billing/subscriptions-page'), 'SubscriptionsPage');
const SubscriptionPage = lazyComponent(() => import('./pages/billing/subscription-page'), 'SubscriptionPage');
const InvoicesPage = lazyComponent(() => import('./pages/billing/invoices-page'), 'InvoicesPage');
const FailedPaymentsPage = lazyComponent(() => import('./pages/billing/failed-payments-page'), 'FailedPaymentsPage');
const InvoicePage = lazyComponent(() => import('./pages/billing/invoice-page'), 'InvoicePage');
const PaymentsPage = lazyComponent(() => import('./pages/billing/payments-page'), 'PaymentsPage');
const PaymentPage = lazyComponent(() => import('./pages/billing/payment-page'), 'PaymentPage');
const RefundRequestsPage = lazyComponent(() => import('./pages/billing/refund-requests-page'), 'RefundRequestsPage');
const DisputesPage = lazyComponent(() => import('./pages/billing/disputes-page'), 'DisputesPage');
const BillingSyncPage = lazyComponent(() => import('./pages/billing/billing-sync-page'), 'BillingSyncPage');
const CouponsPage = lazyComponent(() => import('./pages/billing/coupons-page'), 'CouponsPage');
const CouponPage = lazyComponent(() => import('./pages/billing/coupon-page'), 'CouponPage');
const BillingDashboardPage = lazyComponent(() => import('./pages/billing/billing-dashboard-page'), 'BillingDashboardPage');
const EmailMessagesPage = lazyComponent(() => import('./pages/email/email-messages-page'), 'EmailMessagesPage');
const EmailTemplateEditorPage = lazyComponent(() => import('./pages/email/email-template-editor-page'), 'EmailTemplateEditorPage');
const EmailTemplatesPage = lazyComponent(() => import('./pages/email/email-templates-page'), 'EmailTemplatesPage');
const InvitationsPage = lazyComponent(() => import('./pages/invitations/invitations-page'), 'InvitationsPage');
const MembersPage = lazyComponent(() => import('./pages/members/members-page'), 'MembersPage');
const NotFoundPage = lazyComponent(() => import('./pages/not-found-page'), 'NotFoundPage');
const RolesPage = lazyComponent(() => import('./pages/roles/roles-page'), 'RolesPage');
const SelectTenantPage = lazyComponent(() => import('./pages/select-tenant-page'), 'SelectTenantPage');
const TenantSettingsPage = lazyComponent(() => import('./pages/settings/tenant-settings-page'), 'TenantSettingsPage');
const UsagePage = lazyComponent(() => import('./pages/usage/usage-page'), 'UsagePage');
const WebhookEndpointPage = lazyComponent(() => import('./pages/webhooks/webhook-endpoint-page'), 'WebhookEndpointPage');
const WebhooksPage = lazyComponent(() => import('./pages/webhooks/webhooks-page'), 'WebhooksPage');

const tenantPage = (permissions: string[], page: React.ReactNode) => (
  <RequireTenant>
    <RequirePermission anyOf={permissions}>{page}</RequirePermission>
  </RequireTenant>
);

/** The document title of a page (document-title.tsx). */
const titled = (title: string): { handle: RouteHandle } => ({ handle: { title } });

const routes: RouteObject[] = [
  {
    element: <RouteOutlet />,
    children: [
      { path: '/login', element: <LoginPage />, ...titled('Log in') },
      { path: '/signup', element: <SignupPage />, ...titled('Sign up') },
      { path: '/confirm-signup', element: <ConfirmSignupPage />, ...titled('Confirm sign-up') },
      { path: '/forgot-password', element: <ForgotPasswordPage />, ...titled('Forgot password') },
      { path: '/reset-password', element: <ResetPasswordPage />, ...titled('Reset password') },
      { path: '/accept-invitation', element: <AcceptInvitationPage />, ...titled('Accept invitation') },
      { path: '/verify-email', element: <VerifyEmailPage />, ...titled('Verify email') },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        handle: { tenantInTitle: true } satisfies RouteHandle,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'members', element: tenantPage(['members:read'], <MembersPage />), ...titled('Members') },
          { path: 'invitations', element: tenantPage(['invitations:read'], <InvitationsPage />), ...titled('Invitations') },
          { path: 'roles', element: tenantPage(['roles:read'], <RolesPage />), ...titled('Roles') },
          { path: 'settings', element: tenantPage(['tenant:read', 'tenant:write'], <TenantSettingsPage />), ...titled('Settings') },
          { path: 'api-keys', element: tenantPage(['api_keys:read'], <ApiKeysPage />), ...titled('API keys') },
          { path: 'audit-log', element: tenantPage(['audit:read'], <AuditLogPage />), ...titled('Audit log') },
          { path: 'usage', element: tenantPage(['usage:read'], <UsagePage />), ...titled('Usage') },
          { path: 'webhooks', element: tenantPage(['webhooks:read'], <WebhooksPage />), ...titled('Webhooks') },
          { path: 'webhooks/:id', element: tenantPage(['webhooks:read'], <WebhookEndpointPage />), ...titled('Webhook endpoint') },
          { path: 'email-templates', element: tenantPage(['email_templates:read'], <EmailTemplatesPage />), ...titled('Email templates') },
          { path: 'email-templates/:key', element: tenantPage(['email_templates:read'], <EmailTemplateEditorPage />), ...titled('Email template') },
          { path: 'email-messages', element: tenantPage(['email_templates:read'], <EmailMessagesPage />), ...titled('Email log') },
          { path: 'billing/connect', element: tenantPage(['billing:read'], <StripeConnectionPage />), ...titled('Stripe connection') },
          { path: 'billing/customers', element: tenantPage(['billing:read'], <CustomersPage />), ...titled('Customers') },
          { path: 'billing/customers/:id', element: tenantPage(['billing:read'], <CustomerPage />), ...titled('Customer') },
          { path: 'billing/subscriptions', element: tenantPage(['billing:read'], <SubscriptionsPage />), ...titled('Subscriptions') },
          { path: 'billing/subscriptions/:id', element: tenantPage(['billing:read'], <SubscriptionPage />), ...titled('Subscription') },
          { path: 'billing/invoices', element: tenantPage(['billing:read'], <InvoicesPage />), ...titled('Invoices') },
          { path: 'billing/invoices/:id', element: tenantPage(['billing:read'], <InvoicePage />), ...titled('Invoice') },
          { path: 'billing/failed-payments', element: tenantPage(['billing:read'], <FailedPaymentsPage />), ...titled('Failed payments') },
          { path: 'billing/payments', element: tenantPage(['billing:read'], <PaymentsPage />), ...titled('Payments') },
          { path: 'billing/payments/:id', element: tenantPage(['billing:read'], <PaymentPage />), ...titled('Payment') },
          { path: 'billing/refund-requests', element: tenantPage(['billing:read'], <RefundRequestsPage />), ...titled('Refund requests') },
          { path: 'billing/disputes', element: tenantPage(['billing:read'], <DisputesPage />), ...titled('Disputes') },
          { path: 'billing/sync', element: tenantPage(['billing:read'], <BillingSyncPage />), ...titled('Stripe sync') },
          { path: 'billing/coupons', element: tenantPage(['billing:read'], <CouponsPage />), ...titled('Coupons') },
          { path: 'billing/coupons/:id', element: tenantPage(['billing:read'], <CouponPage />), ...titled('Coupon') },
          { path: 'billing/dashboard', element: tenantPage(['billing:read'], <BillingDashboardPage />), ...titled('Billing dashboard') },
          { path: 'billing/products', element: tenantPage(['billing:read'], <ProductsPage />), ...titled('Products') },
          { path: 'billing/products/:id', element: tenantPage(['billing:read'], <ProductPage />), ...titled('Product') },
          { path: 'account/security', element: <SecurityPage />, ...titled('Account security') },
          { path: 'account/sessions', element: <SessionsPage />, ...titled('Sessions') },
          { path: 'account/billing', element: <RequireTenant><MemberBillingPage /></RequireTenant>, ...titled('My billing') },
          { path: 'select-tenant', element: <SelectTenantPage />, ...titled('Choose an organization') },
          { path: 'pending-approval', element: <HomeRedirect /> },
          {
            path: 'admin/tenants',
            element: (
              <RequirePlatformStaff>
                <AdminTenantsPage />
              </RequirePlatformStaff>
            ),
            ...titled('Tenants'),
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
            ...titled('Platform settings'),
          },
          {
            path: 'admin/dead-letters',
            element: (
              <RequirePermission anyOf={['platform.jobs:read']}>
                <DeadLettersPage />
              </RequirePermission>
            ),
            ...titled('Dead letters'),
          },
          {
            path: 'admin/billing/plans',
            element: (
              <RequirePermission anyOf={['platform.billing:read']}>
                <PlatformPlansPage />
              </RequirePermission>
            ),
            ...titled('Plans for tenants'),
          },
          {
            path: 'admin/billing/stripe-events',
            element: (
              <RequirePermission anyOf={['platform.billing:read']}>
                <StripeEventsPage />
              </RequirePermission>
            ),
            ...titled('Stripe events'),
          },
          {
            path: 'admin/billing/sync',
            element: (
              <RequirePermission anyOf={['platform.billing:read']}>
                <BillingSyncHealthPage />
              </RequirePermission>
            ),
            ...titled('Sync health'),
          },
          {
            path: 'admin/billing/webhook-health',
            element: (
              <RequirePermission anyOf={['platform.billing:read']}>
                <WebhookHealthPage />
              </RequirePermission>
            ),
            ...titled('Webhook health'),
          },
          { path: '*', element: <NotFoundPage />, ...titled('Page not found') },
        ],
      },
    ],
  },
];
/** The page for the address (declarative routes: the data router's code is not needed here) and its document title. */
export function AppRoutes() {
  const location = useLocation();
  useDocumentTitle(matchRoutes(routes, location) ?? []);
  return useRoutes(routes, location);
}
