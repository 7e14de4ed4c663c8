import { useQuery } from '@tanstack/react-query';
import type { HomeSummary } from '../../../../contracts/auth';
import { api } from '../../api/client';

export function useHome() {
  return useQuery({
    queryKey: ['home'],
    queryFn: ({ signal }) => api.get<HomeSummary>('/api/home', signal),
  });
}
