import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CurrentUser } from '../../../../contracts/auth';
import type { Permission } from '../../../../contracts/roles';
import { api, isApiError } from '../../api/client';

export const meQueryKey = ['auth', 'me'] as const;

export interface LoginInput {
  username: string;
  password: string;
}

/** The signed-in user, or null when logged out (the server answers 401). */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async ({ signal }): Promise<CurrentUser | null> => {
      try {
        return await api.get<CurrentUser>('/api/auth/me', signal);
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60 * 1000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<CurrentUser>('/api/auth/login', input),
    // The login page shows the error itself, in an Alert.
    meta: { silent: true },
    onSuccess: (user) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
      queryClient.setQueryData(meQueryKey, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/api/auth/logout'),
    onSuccess: () => {
      // Not clear(): the route guard still observes the me query and must see it turn null.
      queryClient.setQueryData(meQueryKey, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
    },
  });
}

/** Whether the user holds at least one of the permissions. */
export function hasAnyPermission(user: CurrentUser | null | undefined, permissions: readonly Permission[]): boolean {
  if (!user) return false;
  return permissions.some((p) => user.permissions.includes(p));
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/** Changes one's own password; the server ends every session of the account, so the user signs in again. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post<unknown>('/api/auth/password', input),
    // The page shows the error itself, in an Alert.
    meta: { silent: true },
    onSuccess: () => {
      queryClient.setQueryData(meQueryKey, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
    },
  });
}
