import { Anchor, Badge, Checkbox, Group, MultiSelect, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { isStripeNotConfigured } from '../../api/billing';
import { DISPUTE_STATUSES, useBillingDisputes, type BillingDispute, type DisputeFilters } from '../../api/billing-disputes';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { listParam, useUrlFilters } from '../../components/use-url-filters';
import { StripeNotConfigured } from './stripe-not-configured';

const DAY_MS = 86_400_000;
/** Evidence due within this many days is "due soon". */
const SOON_DAYS = 3;

const STATUS_LABELS: Record<string, string> = {
  warning_needs_response: 'Inquiry, needs response',
  warning_under_review: 'Inquiry under review',
  warning_closed: 'Inquiry closed',
  needs_response: 'Needs response',
  under_review: 'Under review',
  won: 'Won',
  lost: 'Lost',
};

const REASON_LABELS: Record<string, string> = {
  fraudulent: 'Fraudulent',
  duplicate: 'Duplicate',
  subscription_canceled: 'Subscription canceled',
  product_unacceptable: 'Product unacceptable',
  product_not_received: 'Product not received',
  unrecognized: 'Unrecognized',
  credit_not_processed: 'Credit not processed',
  general: 'General',
};

function parseDisputeFilters(params: URLSearchParams): DisputeFilters {
  return { status: listParam(params, 'status', DISPUTE_STATUSES), needsResponse: params.get('needsResponse') === 'true' };
}

const serializeDisputeFilters = (filters: DisputeFilters): Record<string, string | null> => ({
  status: filters.status.join(','),
  needsResponse: filters.needsResponse ? 'true' : null,
});

/** Overdue or due soon, for a dispute still needing evidence. */
function evidenceUrgency(dispute: BillingDispute, now: number): 'overdue' | 'soon' | null {
  if (!dispute.needsResponse || !dispute.evidenceDueBy) return null;
  const due = new Date(dispute.evidenceDueBy).getTime();
  if (due < now) return 'overdue';
  return due - now < SOON_DAYS * DAY_MS ? 'soon' : null;
}

function EvidenceDue({ dispute }: { dispute: BillingDispute }) {
  const format = useFormat();
  const urgency = evidenceUrgency(dispute, Date.now());
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c={urgency === 'overdue' ? 'red' : urgency === 'soon' ? 'orange' : undefined} fw={urgency ? 600 : undefined}>
        {format.dateTime(dispute.evidenceDueBy)}
      </Text>
      {urgency && (
        <Badge color={urgency === 'overdue' ? 'red' : 'orange'} variant="light" size="sm" data-testid="evidence-urgency">
          {urgency === 'overdue' ? 'Overdue' : 'Due soon'}
        </Badge>
      )}
    </Group>
  );
}

export function DisputesPage() {
  const [filters, setFilters] = useUrlFilters(parseDisputeFilters, serializeDisputeFilters);
  const disputes = useBillingDisputes(filters);
  const format = useFormat();
  const needsResponse = disputes.data?.pages[0]?.needsResponse;
  const filtered = filters.status.length > 0 || filters.needsResponse;
  return (
    <>
      <PageHeader
        title="Disputes"
        description="Payments your customers' banks have disputed. Evidence is sent from the Stripe Dashboard before its due date."
      />
      {isStripeNotConfigured(disputes.error) ? (
        <StripeNotConfigured />
      ) : (
        <>
          {needsResponse !== undefined && (
            <Text size="sm" mb="sm" data-testid="disputes-needing-response">
              {needsResponse === 0 ? 'No dispute needs evidence.' : `${needsResponse} ${needsResponse === 1 ? 'dispute needs' : 'disputes need'} evidence.`}
            </Text>
          )}
          <Group mb="md" align="flex-end">
            <MultiSelect
              label="Status"
              placeholder={filters.status.length ? undefined : 'Any status'}
              data={DISPUTE_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))}
              value={filters.status}
              onChange={(values) => setFilters({ ...filters, status: DISPUTE_STATUSES.filter((status) => values.includes(status)) })}
              clearable
              w={320}
            />
            <Checkbox
              label="Only those needing evidence"
              checked={filters.needsResponse}
              onChange={(e) => setFilters({ ...filters, needsResponse: e.currentTarget.checked })}
              mb={8}
            />
          </Group>
          <PagedTable
            query={disputes}
            minWidth={900}
            empty={
              filtered ? (
                <EmptyList title="No dispute matches these filters" description="Try another status." />
              ) : (
                <EmptyList title="No disputes" description="A dispute appears here when a customer's bank challenges a payment." />
              )
            }
            head={
              <>
                <Table.Th>Amount</Table.Th>
                <Table.Th>Customer</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Evidence due</Table.Th>
                <Table.Th>Opened</Table.Th>
                <Table.Th>Stripe</Table.Th>
              </>
            }
            row={(dispute: BillingDispute) => (
              <Table.Tr key={dispute.id} data-testid="dispute-row">
                <Table.Td>
                  {dispute.paymentId ? (
                    <Anchor component={Link} to={`/billing/payments/${dispute.paymentId}`} size="sm">
                      {format.money(dispute.amount, dispute.currency)}
                    </Anchor>
                  ) : (
                    format.money(dispute.amount, dispute.currency)
                  )}
                </Table.Td>
                <Table.Td>
                  {dispute.customerId ? (
                    <Anchor component={Link} to={`/billing/customers/${dispute.customerId}`} size="sm">
                      {dispute.customerName ?? dispute.customerEmail ?? 'Customer'}
                    </Anchor>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={dispute.status ?? 'unknown'} />
                </Table.Td>
                <Table.Td>{dispute.reason ? (REASON_LABELS[dispute.reason] ?? dispute.reason) : '—'}</Table.Td>
                <Table.Td>{dispute.needsResponse ? <EvidenceDue dispute={dispute} /> : dispute.closedAt ? `Closed ${format.date(dispute.closedAt)}` : '—'}</Table.Td>
                <Table.Td>{format.date(dispute.stripeCreatedAt ?? dispute.createdAt)}</Table.Td>
                <Table.Td>
                  <Anchor href={dispute.dashboardUrl} target="_blank" rel="noopener noreferrer" size="sm">
                    {dispute.needsResponse ? 'Respond in Stripe' : 'Open in Stripe'}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            )}
          />
        </>
      )}
    </>
  );
}
