import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery, type Page, type PageParams } from '../../api/client';

// Local until the server publishes an audit contract in contracts/.
export interface AuditEntry {
  id: string;
  /** ISO timestamp. */
  at: string;
  actorUsername: string | null;
  actorRole: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
}

export function useAuditLog({ page, pageSize }: PageParams) {
  return useQuery({
    queryKey: ['audit', 'list', { page, pageSize }],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>(withQuery('/api/audit', { page, pageSize }), signal),
    placeholderData: keepPreviousData,
  });
}
