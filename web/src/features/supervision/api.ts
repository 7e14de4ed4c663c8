import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';
import type * as sup from '../../../../contracts/supervision';

/** The shapes of contracts/supervision.ts, as types only (zod stays out of the bundle). */
export type SupervisionOverview = z.infer<typeof sup.SupervisionOverview>;
export type OverviewRow = z.infer<typeof sup.OverviewRow>;
export type SupervisionDetail = z.infer<typeof sup.SupervisionDetail>;
export type SelfAssessment = z.infer<typeof sup.SelfAssessment>;
export type Rectification = z.infer<typeof sup.Rectification>;
export type EvidenceFile = z.infer<typeof sup.EvidenceFile>;
export type RubricItem = z.infer<typeof sup.RubricItem>;
export type Rubric = z.infer<typeof sup.Rubric>;
export type SaveSelfAssessmentInput = z.input<typeof sup.SaveSelfAssessment>;
export type ScoreInput = z.input<typeof sup.ScoreInput>;
export type CreateRectificationInput = z.input<typeof sup.CreateRectification>;

/** The plan years (2026–2030). */
export const SUPERVISION_YEARS = [2026, 2027, 2028, 2029, 2030];
export const defaultSupervisionYear = () => Math.min(Math.max(new Date().getFullYear(), 2026), 2030);
export const EVIDENCE_ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';

const enc = encodeURIComponent;
const cityBase = (year: number, city: string) => `/api/supervision/years/${year}/cities/${enc(city)}`;
export const evidenceUrl = (id: string) => `/api/supervision/evidence/${enc(id)}`;

/** Every city of a year (a city admin: their own): status, score, open rectifications. */
export function useSupervisionOverview(year: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['supervision', 'overview', year],
    queryFn: ({ signal }) => api.get<SupervisionOverview>(`/api/supervision/years/${year}`, signal),
    placeholderData: keepPreviousData,
  });
}

/** One city-year: self-assessment, evidence, score, rectification items and the rubric. */
export function useSupervisionDetail(year: number, city: string | undefined) {
  return useQuery({
    enabled: !!city,
    queryKey: ['supervision', 'detail', year, city],
    queryFn: ({ signal }) => api.get<SupervisionDetail>(cityBase(year, city!), signal),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['supervision'] });
}

/** A mutation whose error the caller shows next to its form (silent) and that refreshes the supervision data. */
function useSupervisionMutation<V, R>(fn: (v: V) => Promise<R>) {
  const onSuccess = useInvalidate();
  return useMutation({ mutationFn: fn, meta: { silent: true }, onSuccess });
}

export const useSaveSelfAssessment = (year: number, city: string) =>
  useSupervisionMutation((body: SaveSelfAssessmentInput) =>
    api.put<SelfAssessment>(`${cityBase(year, city)}/self-assessment`, body),
  );

export const useSubmitSelfAssessment = (year: number, city: string) =>
  useSupervisionMutation(() => api.post<SelfAssessment>(`${cityBase(year, city)}/self-assessment/submit`));

export const useReturnSelfAssessment = (year: number, city: string) =>
  useSupervisionMutation((reason: string) =>
    api.post<SelfAssessment>(`${cityBase(year, city)}/self-assessment/return`, { reason }),
  );

export const useScoreSelfAssessment = (year: number, city: string) =>
  useSupervisionMutation((body: ScoreInput) =>
    api.post<SelfAssessment>(`${cityBase(year, city)}/self-assessment/score`, body),
  );

const fileForm = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return form;
};

export const useUploadEvidence = (year: number, city: string) =>
  useSupervisionMutation((file: File) => api.upload<EvidenceFile>(`${cityBase(year, city)}/evidence`, fileForm(file)));

export const useUploadRectificationEvidence = () =>
  useSupervisionMutation(({ id, file }: { id: string; file: File }) =>
    api.upload<EvidenceFile>(`/api/supervision/rectifications/${enc(id)}/evidence`, fileForm(file)),
  );

export const useRemoveEvidence = () =>
  useSupervisionMutation((id: string) => api.delete<{ id: string }>(evidenceUrl(id)));

export const useCreateRectification = (year: number, city: string) =>
  useSupervisionMutation((body: CreateRectificationInput) =>
    api.post<Rectification>(`${cityBase(year, city)}/rectifications`, body),
  );

export const useReportRectification = () =>
  useSupervisionMutation(({ id, text }: { id: string; text: string }) =>
    api.post<Rectification>(`/api/supervision/rectifications/${enc(id)}/report`, { text }),
  );

export const useAcceptRectification = () =>
  useSupervisionMutation((id: string) => api.post<Rectification>(`/api/supervision/rectifications/${enc(id)}/accept`));

export const useRejectRectification = () =>
  useSupervisionMutation(({ id, reason }: { id: string; reason: string }) =>
    api.post<Rectification>(`/api/supervision/rectifications/${enc(id)}/reject`, { reason }),
  );

/** The settings key of the rubric; typed against the contract, so a renamed key fails the type check. */
export const RUBRIC_SETTING_KEY: typeof sup.RUBRIC_SETTING_KEY = 'supervision.rubric';
/** At most this many items (contracts/supervision.ts Rubric); the editor stops adding there. */
export const RUBRIC_MAX_ITEMS = 20;

/**
 * 评分细则: saves the whole rubric (a policy setting, province admin with settings.edit; the
 * server validates it against the contract and audits the change). The overview and every
 * city-year detail carry the rubric, so all supervision queries are refreshed.
 */
export const useSaveRubric = () =>
  useSupervisionMutation((rubric: Rubric) => api.put<Rubric>(`/api/settings/${enc(RUBRIC_SETTING_KEY)}`, rubric));
