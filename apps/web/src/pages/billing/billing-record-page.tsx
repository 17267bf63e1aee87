import { Anchor } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { BillingErrorState } from './stripe-not-configured';

interface BillingRecordPageProps<T> {
  /** The list the record belongs to, and its name: the "← Customers" link. */
  back: { to: string; label: string };
  /** The heading while the record cannot be shown (it failed to load). */
  title: string;
  query: UseQueryResult<T>;
  children: (record: T) => ReactNode;
}

/** The page of one billing record: a link back to its list, then loading, the error (with retry) or the record. */
export function BillingRecordPage<T>({ back, title, query, children }: BillingRecordPageProps<T>) {
  return (
    <>
      <Anchor component={Link} to={back.to} size="sm">
        ← {back.label}
      </Anchor>
      {query.isPending && <LoadingState />}
      {query.isError && (
        <>
          <PageHeader title={title} />
          <BillingErrorState error={query.error} onRetry={() => query.refetch()} />
        </>
      )}
      {query.isSuccess && children(query.data)}
    </>
  );
}
