import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery, type Page, type PageParams } from '../../api/client';
import type * as imp from '../../../../contracts/imports';

/**
 * Bulk imports (批量导入), one entity at a time under /api/imports/<entity>: template, upload,
 * my batches, one batch (status, progress, first errors), its errors, result file, commit.
 * The shapes are contracts/imports.ts, as types only (zod stays out of the bundle).
 */
export type ImportStatus = imp.ImportStatus;
export type ImportMode = imp.ImportMode;
export type ImportBatch = z.infer<typeof imp.ImportBatch>;
export type ImportRowError = z.infer<typeof imp.ImportRowError>;
export type ImportBatchDetail = z.infer<typeof imp.ImportBatchDetail>;

const enc = encodeURIComponent;
const base = (entity: string) => `/api/imports/${enc(entity)}`;

/** The .xlsx template: same origin, so a plain link downloads it with the session cookie. */
export const templateUrl = (entity: string) => `${base(entity)}/template`;
/** The uploaded sheet with an 错误说明 column (once validated). */
export const resultUrl = (entity: string, batchId: string) => `${base(entity)}/batches/${enc(batchId)}/result`;

/** A job is queued or running on the batch: it changes without the user doing anything. */
export const isRunning = (status: ImportStatus) =>
  status === 'uploaded' || status === 'validating' || status === 'committing';

const POLL_MS = 1000;

/** One batch, polled every second while its validation or commit runs. */
export function useImportBatch(entity: string, batchId: string) {
  return useQuery({
    queryKey: ['imports', entity, 'batch', batchId],
    queryFn: ({ signal }) => api.get<ImportBatchDetail>(`${base(entity)}/batches/${enc(batchId)}`, signal),
    refetchInterval: (query) => {
      if (query.state.status === 'error') return false;
      const data = query.state.data;
      return !data || isRunning(data.status) ? POLL_MS : false;
    },
    staleTime: 0,
  });
}

/** The batch's problems a page at a time (the server's message also names row and column). */
export function useImportErrors(entity: string, batchId: string, { page, pageSize }: PageParams, enabled: boolean) {
  return useQuery({
    queryKey: ['imports', entity, 'errors', batchId, { page, pageSize }],
    queryFn: ({ signal }) =>
      api.get<Page<ImportRowError>>(
        withQuery(`${base(entity)}/batches/${enc(batchId)}/errors`, { page, pageSize }),
        signal,
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** 我的导入记录: the user's own batches of this entity, newest first. */
export function useImportBatches(entity: string, { page, pageSize }: PageParams) {
  return useQuery({
    queryKey: ['imports', entity, 'batches', { page, pageSize }],
    queryFn: ({ signal }) =>
      api.get<Page<ImportBatch>>(withQuery(`${base(entity)}/batches`, { page, pageSize }), signal),
    placeholderData: keepPreviousData,
    // A batch still running in the list moves on by itself.
    refetchInterval: (query) => (query.state.data?.items.some((b) => isRunning(b.status)) ? 3 * POLL_MS : false),
  });
}

/** Uploads one file (multipart field `file`); the server queues its validation. */
export function useUploadImport(entity: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.upload<ImportBatch>(base(entity), form);
    },
    // The page shows the server's reason (wrong format, too large, bad header…) itself.
    meta: { silent: true },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['imports', entity, 'batches'] }),
  });
}

/** 确认导入 in one of the two modes; the batch moves to committing (or rejected). */
export function useCommitImport(entity: string, batchId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mode: ImportMode) => api.post<ImportBatch>(`${base(entity)}/batches/${enc(batchId)}/commit`, { mode }),
    meta: { silent: true },
    onSuccess: (batch) => {
      // Keep the errors already loaded; polling resumes from the new status.
      queryClient.setQueryData<ImportBatchDetail>(['imports', entity, 'batch', batchId], (prev) =>
        prev ? { ...prev, ...batch } : undefined,
      );
      void queryClient.invalidateQueries({ queryKey: ['imports', entity, 'batch', batchId] });
      void queryClient.invalidateQueries({ queryKey: ['imports', entity, 'batches'] });
    },
  });
}
