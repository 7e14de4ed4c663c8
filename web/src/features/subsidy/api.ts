import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery } from '../../api/client';
import type * as sub from '../../../../contracts/subsidy';

/** The shapes of contracts/subsidy.ts, as types only (zod stays out of the bundle). */
export type Claim = z.infer<typeof sub.Claim>;
export type ClaimStatus = Claim['status'];
export type SubsidyKind = Claim['kind'];
export type Eligibility = z.infer<typeof sub.Eligibility>;
export type Budget = z.infer<typeof sub.Budget>;
export type Ledger = z.infer<typeof sub.Ledger>;
export type Batch = z.infer<typeof sub.Batch>;
export type BatchSummary = z.infer<typeof sub.BatchList>['items'][number];
export type Reconciliation = z.infer<typeof sub.Reconciliation>;
export type PublicNotice = z.infer<typeof sub.PublicNotice>;

/**
 * One Idempotency-Key per intended action: made when the form or button is first used and kept
 * for retries of that same action (a double click or a retry after a network error sends the same
 * key, so the server answers once); a new action gets a new key.
 */
export const newKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(16).slice(2)}`;

const enc = encodeURIComponent;

export function useClaims(params: { status?: ClaimStatus; kind?: SubsidyKind; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['subsidy', 'claims', params],
    queryFn: ({ signal }) =>
      api.get<{ items: Claim[]; total: number }>(withQuery('/api/subsidy/claims', params), signal),
    placeholderData: keepPreviousData,
  });
}

/** POST, the 居民身份证号 in the body: it never appears in a URL. */
export function useEligible(q: { personId?: string; idNumber?: string }, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: ['subsidy', 'eligible', q],
    queryFn: () => api.post<{ items: Eligibility[]; today: string }>('/api/subsidy/eligible', q),
  });
}

export function useNotices() {
  return useQuery({
    queryKey: ['subsidy', 'notices'],
    queryFn: ({ signal }) => api.get<PublicNotice>('/api/subsidy/notices', signal),
  });
}

export function useBudgets(year: number) {
  return useQuery({
    queryKey: ['subsidy', 'budgets', year],
    queryFn: ({ signal }) => api.get<{ items: Budget[] }>(withQuery('/api/subsidy/budgets', { year }), signal),
  });
}

export function useLedger(year: number) {
  return useQuery({
    queryKey: ['subsidy', 'ledger', year],
    queryFn: ({ signal }) => api.get<Ledger>(withQuery('/api/subsidy/ledger', { year }), signal),
  });
}

export function useBatches() {
  return useQuery({
    queryKey: ['subsidy', 'batches'],
    queryFn: ({ signal }) => api.get<{ items: BatchSummary[] }>('/api/subsidy/batches', signal),
  });
}

export function useBatch(id: string | undefined) {
  return useQuery({
    enabled: !!id,
    queryKey: ['subsidy', 'batch', id],
    queryFn: ({ signal }) => api.get<Batch>(`/api/subsidy/batches/${enc(id!)}`, signal),
  });
}

/** A mutation whose error the caller shows (silent) and that refreshes every subsidy query. */
function useSubsidyMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['subsidy'] }),
  });
}

export const useSubmitClaim = () =>
  useSubsidyMutation((v: { body: z.input<typeof sub.SubmitClaim>; key: string }) =>
    api.idempotent<Claim>('POST', '/api/subsidy/claims', v.body, v.key),
  );
export const useReview = () =>
  useSubsidyMutation((v: { id: string; decision: 'pass' | 'reject'; note?: string }) =>
    api.post<Claim>(`/api/subsidy/claims/${enc(v.id)}/review`, { decision: v.decision, note: v.note }),
  );
export const useAddObjection = () =>
  useSubsidyMutation((v: { id: string; text: string }) =>
    api.post<Claim>(`/api/subsidy/claims/${enc(v.id)}/objections`, { text: v.text }),
  );
export const useResolveObjection = () =>
  useSubsidyMutation((v: { id: string; decision: 'upheld' | 'dismissed'; note: string }) =>
    api.post<Claim>(`/api/subsidy/objections/${enc(v.id)}/resolve`, { decision: v.decision, note: v.note }),
  );
export const useApprove = () =>
  useSubsidyMutation((v: { id: string; key: string }) =>
    api.idempotent<Claim>('POST', `/api/subsidy/claims/${enc(v.id)}/approve`, {}, v.key),
  );
export const useRejectClaim = () =>
  useSubsidyMutation((v: { id: string; reason: string }) =>
    api.post<Claim>(`/api/subsidy/claims/${enc(v.id)}/reject`, { reason: v.reason }),
  );
export const useSetBudget = () =>
  useSubsidyMutation((v: { body: z.input<typeof sub.SetBudget>; key: string }) =>
    api.idempotent<Budget>('PUT', '/api/subsidy/budgets', v.body, v.key),
  );
export const useCreateBatch = () =>
  useSubsidyMutation((v: { kind: SubsidyKind; claimIds: string[]; key: string }) =>
    api.idempotent<Batch>('POST', '/api/subsidy/batches', { kind: v.kind, claimIds: v.claimIds }, v.key),
  );
export const usePayBatch = () =>
  useSubsidyMutation((v: { id: string; key: string }) =>
    api.idempotent<Batch>('POST', `/api/subsidy/batches/${enc(v.id)}/pay`, {}, v.key),
  );
export const useReconcile = () =>
  useSubsidyMutation((v: { id: string; fileName: string; csv: string; key: string }) =>
    api.idempotent<Reconciliation>(
      'POST',
      `/api/subsidy/batches/${enc(v.id)}/reconciliations`,
      { fileName: v.fileName, csv: v.csv },
      v.key,
    ),
  );
