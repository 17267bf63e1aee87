import { EmptyList } from './empty-list';

export function Forbidden() {
  return <EmptyList title="You don't have access to this page" description="Ask an owner of this organization for the permission." />;
}
