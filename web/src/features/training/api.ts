import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, withQuery, type Page } from '../../api/client';
import type * as tr from '../../../../contracts/training';

/** The shapes of contracts/training.ts, as types only (zod stays out of the bundle). */
export type ProgrammeSummary = z.infer<typeof tr.ProgrammeSummary>;
export type ProgrammeDetail = z.infer<typeof tr.ProgrammeDetail>;
export type ClassDetail = z.infer<typeof tr.ClassDetail>;
export type Enrolment = z.infer<typeof tr.Enrolment>;
export type EnrolmentCreated = z.infer<typeof tr.EnrolmentCreated>;
export type LessonOpened = z.infer<typeof tr.LessonOpened>;
export type CompletionOutcome = z.infer<typeof tr.CompletionOutcome>;
export type CheckinCode = z.infer<typeof tr.CheckinCode>;
export type CloudCourse = z.infer<typeof tr.CloudCourse>;
export type MyEnrolment = z.infer<typeof tr.MyEnrolment>;
export type EnterpriseReport = z.infer<typeof tr.EnterpriseReport>;
export type EnterpriseReportList = z.infer<typeof tr.EnterpriseReportList>;
export type CreateProgrammeInput = z.input<typeof tr.CreateProgramme>;
export type CreateClassInput = z.input<typeof tr.CreateClass>;
export type SaveReportInput = z.input<typeof tr.SaveEnterpriseReport>;
export type ProgrammeType = tr.ProgrammeType;

export const PROGRAMME_TYPES = ['enterprise_inhouse', 'order_class', 'social', 'cloud'] as const;
export const PROGRAMME_PURPOSES = ['pre_job', 'on_job', 'transfer', 'project'] as const;
export const REPORT_YEARS = [2025, 2026, 2027, 2028, 2029, 2030];

const enc = encodeURIComponent;
export const lessonFileUrl = (id: string) => `/api/learning/lessons/${enc(id)}/file`;

export function useProgrammes(q: { type?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['training', 'programmes', q],
    queryFn: ({ signal }) => api.get<Page<ProgrammeSummary>>(withQuery('/api/training/programmes', q), signal),
    placeholderData: keepPreviousData,
  });
}

export function useProgramme(id: string | undefined) {
  return useQuery({
    enabled: !!id,
    queryKey: ['training', 'programme', id],
    queryFn: ({ signal }) => api.get<ProgrammeDetail>(`/api/training/programmes/${enc(id!)}`, signal),
  });
}

export function useClass(id: string | undefined) {
  return useQuery({
    enabled: !!id,
    queryKey: ['training', 'class', id],
    queryFn: ({ signal }) => api.get<ClassDetail>(`/api/training/classes/${enc(id!)}`, signal),
  });
}

/** The session's current check-in code, refreshed every 15 s (it rotates on the server's clock). */
export function useCheckinCode(sessionId: string | undefined) {
  return useQuery({
    enabled: !!sessionId,
    queryKey: ['training', 'checkin', sessionId],
    queryFn: ({ signal }) => api.get<CheckinCode>(`/api/training/sessions/${enc(sessionId!)}/checkin-code`, signal),
    refetchInterval: 15_000,
  });
}

function useTrainingMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { silent: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['training'] }),
  });
}

export const useCreateProgramme = () =>
  useTrainingMutation((body: CreateProgrammeInput) => api.post<ProgrammeDetail>('/api/training/programmes', body));
export const useCreateClass = (programmeId: string) =>
  useTrainingMutation((body: CreateClassInput) =>
    api.post<ClassDetail>(`/api/training/programmes/${enc(programmeId)}/classes`, body),
  );
export const useAddLinkLesson = (programmeId: string) =>
  useTrainingMutation((body: { title: string; minutes: number; url: string }) =>
    api.post(`/api/training/programmes/${enc(programmeId)}/lessons`, body),
  );
export const useAddFileLesson = (programmeId: string) =>
  useTrainingMutation(({ file, title, minutes }: { file: File; title?: string; minutes: number }) => {
    const form = new FormData();
    form.append('file', file);
    return api.upload(withQuery(`/api/training/programmes/${enc(programmeId)}/lessons/file`, { title, minutes }), form);
  });
export const useAddSession = (classId: string) =>
  useTrainingMutation((body: { startsAt: string; endsAt: string }) =>
    api.post<ClassDetail>(`/api/training/classes/${enc(classId)}/sessions`, body),
  );
export const useEnrol = (classId: string) =>
  useTrainingMutation((body: { idNumber: string; name: string }) =>
    api.post<EnrolmentCreated>(`/api/training/classes/${enc(classId)}/enrolments`, body),
  );
export const useSaveAttendance = () =>
  useTrainingMutation(
    ({ sessionId, records }: { sessionId: string; records: { personId: string; present: boolean }[] }) =>
      api.put<ClassDetail>(`/api/training/sessions/${enc(sessionId)}/attendance`, { records }),
  );
export const useAssess = () =>
  useTrainingMutation(({ enrolmentId, result }: { enrolmentId: string; result: 'passed' | 'failed' }) =>
    api.put<Enrolment>(`/api/training/enrolments/${enc(enrolmentId)}/assessment`, { result }),
  );
export const useCompleteClass = (classId: string) =>
  useTrainingMutation(() => api.post<CompletionOutcome>(`/api/training/classes/${enc(classId)}/complete`));

// ---------------------------------------------------------------- talent

export function useCatalogue(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['training', 'catalogue'],
    queryFn: ({ signal }) => api.get<{ items: CloudCourse[] }>('/api/learning/courses', signal),
  });
}
export function useMyEnrolments() {
  return useQuery({
    queryKey: ['training', 'mine'],
    queryFn: ({ signal }) => api.get<{ items: MyEnrolment[] }>('/api/learning/enrolments', signal),
  });
}
export const useEnrolCloud = () =>
  useTrainingMutation((courseId: string) => api.post<MyEnrolment>(`/api/learning/courses/${enc(courseId)}/enrol`));
/** Opening a lesson starts its minutes (server time); it can be marked done once they have passed. */
export const useOpenLesson = () =>
  useTrainingMutation((lessonId: string) => api.post<LessonOpened>(`/api/learning/lessons/${enc(lessonId)}/open`));
export const useLessonDone = () =>
  useTrainingMutation((lessonId: string) => api.post(`/api/learning/lessons/${enc(lessonId)}/progress`, {}));
export const useCheckIn = () =>
  useTrainingMutation((code: string) =>
    api.post<{ className: string; seq: number; alreadyPresent: boolean }>('/api/learning/check-in', { code }),
  );

// ---------------------------------------------------------------- enterprise reports

export function useEnterpriseReport(year: number) {
  return useQuery({
    queryKey: ['training', 'report', year],
    queryFn: ({ signal }) => api.get<EnterpriseReport>(`/api/enterprise-reports/${year}`, signal),
  });
}
export function useEnterpriseReports(year: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['training', 'reports', year],
    queryFn: ({ signal }) =>
      api.get<EnterpriseReportList>(withQuery('/api/training/enterprise-reports', { year }), signal),
  });
}
export const useSaveReport = (year: number) =>
  useTrainingMutation((body: SaveReportInput) => api.put<EnterpriseReport>(`/api/enterprise-reports/${year}`, body));
export const useSubmitReport = (year: number) =>
  useTrainingMutation(() => api.post<EnterpriseReport>(`/api/enterprise-reports/${year}/submit`));
