import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../../contracts/roles';
import { api, withQuery, type Page, type PageParams } from '../../api/client';
import type { CreateUserInput, User } from '../../api/contracts';

/** Every account of the platform (system and security admins). */
export function useUsers({ page, pageSize, q }: PageParams & { q?: string }) {
  return useQuery({
    queryKey: ['users', 'list', { page, pageSize, q }],
    queryFn: ({ signal }) => api.get<Page<User>>(withQuery('/api/users', { page, pageSize, q }), signal),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['users'] });
}

/** 新建账号 (system admin); never one of the three admin roles. */
export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api.post<User>('/api/users', input),
    meta: { silent: true },
    onSuccess: invalidate,
  });
}

export type StatusChange = { status: 'active' | 'disabled' } | { unlock: true };

/** 停用 / 启用 / 解锁 (system admin). */
export function useSetUserStatus() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: StatusChange }) =>
      api.post<User>(`/api/users/${id}/status`, change),
    onSuccess: invalidate,
  });
}

/** 修改角色 (security admin); the user's sessions end, so the new roles apply at next login. */
export function useSetUserRoles() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, roles }: { id: string; roles: Role[] }) => api.put<User>(`/api/users/${id}/roles`, { roles }),
    meta: { silent: true },
    onSuccess: invalidate,
  });
}
