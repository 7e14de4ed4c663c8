import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AccountInput, Organisation, RegisterOrganisationInput, TalentSignupInput } from '../../api/contracts';

// Public endpoints (no session). Each form shows its own error in an Alert, so they are silent.

export const SIGNUP_ORG_KINDS = ['enterprise', 'college', 'training', 'evaluation', 'service', 'host'] as const;
export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** An organisation applies to join; its city's administration approves it. */
export function useRegisterOrganisation() {
  return useMutation({
    mutationFn: (input: RegisterOrganisationInput) => api.post<Organisation>('/api/public/organisations', input),
    meta: { silent: true },
  });
}

/** Sends a sign-up code to the phone (one a minute per phone). */
export function useSendSmsCode() {
  return useMutation({
    mutationFn: (phone: string) => api.post<{ ok: true }>('/api/public/talents/sms-code', { phone }),
    meta: { silent: true },
  });
}

export function useRegisterTalent() {
  return useMutation({
    mutationFn: (input: TalentSignupInput) =>
      api.post<{ userId: string; personId: string }>('/api/public/talents', input),
    meta: { silent: true },
  });
}

export function useAcceptInvitation(token: string) {
  return useMutation({
    mutationFn: (input: AccountInput) =>
      api.post<{ userId: string }>(`/api/public/invitations/${encodeURIComponent(token)}/accept`, input),
    meta: { silent: true },
  });
}
