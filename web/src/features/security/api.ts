import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

// Local: the server keeps this schema in server/kernel/auth/security-settings.ts, not in contracts/.
export interface SecuritySettings {
  passwordMinLength: number;
  passwordMinClasses: number;
  maxFailedLogins: number;
  lockMinutes: number;
  idleMinutes: number;
}

/** The bounds the server accepts for each setting. */
export const SETTING_BOUNDS: Record<keyof SecuritySettings, { min: number; max: number }> = {
  passwordMinLength: { min: 8, max: 64 },
  passwordMinClasses: { min: 3, max: 4 },
  maxFailedLogins: { min: 3, max: 20 },
  lockMinutes: { min: 5, max: 1440 },
  idleMinutes: { min: 5, max: 1440 },
};

const key = ['security', 'settings'] as const;

export function useSecuritySettings() {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get<SecuritySettings>('/api/security/settings', signal),
  });
}

export function useUpdateSecuritySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: SecuritySettings) => api.put<SecuritySettings>('/api/security/settings', settings),
    meta: { silent: true },
    onSuccess: (settings) => queryClient.setQueryData(key, settings),
  });
}
