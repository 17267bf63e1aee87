import { Button, Stack, Text } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { ProblemAlert } from './problem-alert';

type InvoiceLinks = { hostedInvoiceUrl: string | null; invoicePdf: string | null };

/**
 * Opens Stripe's hosted invoice page in a new tab. The tab is opened on the click (a tab opened after
 * the request would be blocked as a pop-up) and sent to the page once Stripe has given its address.
 * `links` reads them (staff's route, or a member's own).
 */
export function HostedPageButton({ invoiceId, links, label = 'Open hosted page', size }: { invoiceId: string; links: UseMutationResult<InvoiceLinks, Error, string>; label?: string; size?: 'xs' | 'sm' }) {
  const open = () => {
    const tab = window.open('', '_blank');
    links.mutate(invoiceId, {
      onSuccess: ({ hostedInvoiceUrl }) => {
        if (tab && hostedInvoiceUrl) {
          tab.opener = null;
          tab.location.href = hostedInvoiceUrl;
        } else tab?.close();
      },
      onError: () => tab?.close(),
    });
  };
  return (
    <Stack gap={4}>
      <Button variant="default" size={size} onClick={open} loading={links.isPending}>
        {label}
      </Button>
      {links.isSuccess && !links.data.hostedInvoiceUrl && (
        <Text size="xs" c="dimmed">
          Stripe has no hosted page for this invoice.
        </Text>
      )}
      <ProblemAlert error={links.error} />
    </Stack>
  );
}
