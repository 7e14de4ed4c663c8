import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery } from '../../api/client';
import type * as reports from '../../../../contracts/reports';

export type ReportRow = z.infer<typeof reports.ReportRow>;
export type GenerateReportInput = z.input<typeof reports.GenerateReport>;

const enc = encodeURIComponent;

/** 督导评估报告 of a year (a city admin gets their city's); polled while one is being generated. */
export function useReports(year: number | undefined, city: string | undefined) {
  return useQuery({
    queryKey: ['reports', year ?? null, city ?? null],
    queryFn: ({ signal }) => api.get<ReportRow[]>(withQuery('/api/reports', { year, city }), signal),
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'pending') ? 1000 : false),
  });
}

export function useGenerateReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: GenerateReportInput) => api.post<ReportRow>('/api/reports', body),
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reports'] }),
  });
}

/** Same origin: a plain link downloads the frozen file with the session cookie. */
export const reportFileUrl = (id: string, format: 'docx' | 'xlsx') => `/api/reports/${enc(id)}/${format}`;
