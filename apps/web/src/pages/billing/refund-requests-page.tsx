import { Anchor, Button, Group, Modal, SegmentedControl, Stack, Table, Text, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { isStripeNotConfigured } from '../../api/billing';
import { refundReasonLabel, useDecideRefund, useRefundRequests, type RefundRequest } from '../../api/billing-payments';
import { useSession } from '../../auth/use-session';
import { ConfirmMutationModal } from '../../components/confirm-mutation-modal';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { oneOfParam, useUrlFilters } from '../../components/use-url-filters';
import { StripeNotConfigured } from './stripe-not-configured';

/** The API's bound on a rejection's reason (RejectRefundDto). */
const REASON_MAX = 500;
const VIEWS = ['pending', 'decided'] as const;
type View = (typeof VIEWS)[number];
/** What each view lists: waiting for a second person, or already approved (sent, failed) or rejected. */
const VIEW_STATUSES: Record<View, RefundRequest['status'][]> = { pending: ['pending_approval'], decided: ['pending', 'sent', 'failed', 'rejected'] };

const parseView = (params: URLSearchParams): View => oneOfParam(params, 'view', VIEWS) ?? 'pending';
const serializeView = (view: View): Record<string, string | null> => ({ view: view === 'pending' ? null : view });

const person = (who: RefundRequest['requestedBy']) => (who ? (who.name ?? who.email ?? 'Someone') : '—');

function RejectModal({ request, onClose }: { request: RefundRequest; onClose: () => void }) {
  const format = useFormat();
  const [reason, setReason] = useState('');
  const decide = useDecideRefund();
  const confirm = () =>
    decide.mutate(
      { id: request.id, decision: 'reject', reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: 'The refund was rejected; nothing was sent to Stripe.' });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title="Reject refund" centered>
      <Stack>
        <Text size="sm">
          The refund of {format.money(request.amount, request.currency)} requested by {person(request.requestedBy)} is not sent, and its amount can be refunded again.
        </Text>
        <Textarea label="Reason" required maxLength={REASON_MAX} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-autofocus />
        <ProblemAlert error={decide.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={decide.isPending}>
            Close
          </Button>
          <Button color="red" onClick={confirm} loading={decide.isPending} disabled={reason.trim() === ''}>
            Reject refund
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DecisionButtons({ request, onApprove, onReject }: { request: RefundRequest; onApprove: () => void; onReject: () => void }) {
  const { user } = useSession();
  // Four eyes: whoever asked for the refund cannot approve it (the API refuses too); they may still withdraw it by rejecting.
  const own = user !== null && request.requestedBy?.id === user.id;
  return (
    <Group gap="xs" wrap="nowrap">
      <Tooltip label="You requested this refund: another staff member must approve it." disabled={!own} withArrow>
        <span>
          <Button size="xs" onClick={onApprove} disabled={own} aria-describedby={own ? `own-${request.id}` : undefined}>
            Approve
          </Button>
        </span>
      </Tooltip>
      <Button size="xs" variant="light" color="red" onClick={onReject}>
        Reject
      </Button>
      {own && (
        <Text size="xs" c="dimmed" id={`own-${request.id}`} data-testid="four-eyes-note">
          Your request: another staff member approves it.
        </Text>
      )}
    </Group>
  );
}

export function RefundRequestsPage() {
  const [view, setView] = useUrlFilters(parseView, serializeView);
  const requests = useRefundRequests({ status: VIEW_STATUSES[view] });
  const decide = useDecideRefund();
  const format = useFormat();
  const { can } = useSession();
  const [approving, setApproving] = useState<RefundRequest | null>(null);
  const [rejecting, setRejecting] = useState<RefundRequest | null>(null);
  const deciding = view === 'pending' && can('billing.refunds:write');
  return (
    <>
      <PageHeader title="Refund requests" description="Refunds above the business's approval threshold wait here until a second staff member approves or rejects them." />
      {isStripeNotConfigured(requests.error) ? (
        <StripeNotConfigured />
      ) : (
        <>
          <SegmentedControl
            mb="md"
            aria-label="Show refund requests"
            value={view}
            onChange={(next) => setView(next as View)}
            data={[
              { value: 'pending', label: 'Awaiting approval' },
              { value: 'decided', label: 'Decided' },
            ]}
          />
          <PagedTable
            query={requests}
            minWidth={900}
            empty={
              view === 'pending' ? (
                <EmptyList title="No refund awaits approval" description="A refund above the approval threshold appears here until someone else decides on it." />
              ) : (
                <EmptyList title="No decided refund requests" description="Refunds made from the back office are listed here once sent, refused or rejected." />
              )
            }
            head={
              <>
                <Table.Th>Amount</Table.Th>
                <Table.Th>Payment</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Requested by</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>{view === 'pending' ? 'Requested' : 'Decided'}</Table.Th>
                {deciding && <Table.Th>Decision</Table.Th>}
              </>
            }
            row={(request: RefundRequest) => (
              <Table.Tr key={request.id} data-testid="refund-request-row">
                <Table.Td>{format.money(request.amount, request.currency)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/billing/payments/${request.paymentId}`} size="sm">
                    Open payment
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{refundReasonLabel(request.reason)}</Text>
                  {request.note && (
                    <Text size="xs" c="dimmed">
                      {request.note}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{person(request.requestedBy)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={request.status} />
                  {request.approvedBy && <Text size="xs">Approved by {person(request.approvedBy)}</Text>}
                  {request.rejectedBy && (
                    <Text size="xs">
                      Rejected by {person(request.rejectedBy)}: {request.rejectionReason}
                    </Text>
                  )}
                  {request.failureReason && (
                    <Text size="xs" c="red">
                      {request.failureReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{format.dateTime(view === 'pending' ? request.createdAt : (request.decidedAt ?? request.createdAt))}</Table.Td>
                {deciding && (
                  <Table.Td>
                    <DecisionButtons request={request} onApprove={() => setApproving(request)} onReject={() => setRejecting(request)} />
                  </Table.Td>
                )}
              </Table.Tr>
            )}
          />
          <ConfirmMutationModal
            target={approving}
            mutation={decide}
            variables={(request) => ({ id: request.id, decision: 'approve' as const })}
            title="Approve refund"
            message={(request) => `${format.money(request.amount, request.currency)} is refunded in Stripe now, as ${person(request.requestedBy)} asked.`}
            confirmLabel="Approve and refund"
            success={(request) => `Refunded ${format.money(request.amount, request.currency)}.`}
            onClose={() => setApproving(null)}
          />
          {rejecting && <RejectModal request={rejecting} onClose={() => setRejecting(null)} />}
        </>
      )}
    </>
  );
}
