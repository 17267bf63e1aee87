/** The pages of the navigation every tenant owner has: the link that opens each and the page's heading. */
export const MAIN_PAGES = [
  { link: 'Members', heading: 'Members' },
  { link: 'Invitations', heading: 'Invitations' },
  { link: 'Roles', heading: 'Roles' },
  { link: 'Settings', heading: 'Settings' },
  { link: 'API keys', heading: 'API keys' },
  { link: 'Audit log', heading: 'Audit log' },
  { link: 'Webhooks', heading: 'Webhooks' },
  { link: 'Email templates', heading: 'Email templates' },
  { link: 'Usage', heading: 'Usage' },
  { link: 'Stripe connection', heading: 'Stripe connection' },
  { link: 'Customers', heading: 'Customers' },
  { link: 'Subscriptions', heading: 'Subscriptions' },
  { link: 'Stripe sync', heading: 'Stripe sync' },
  { link: 'Products', heading: 'Products' },
  { link: 'Security', heading: 'Account security' },
  { link: 'Sessions', heading: 'Sessions' },
];
