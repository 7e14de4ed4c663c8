import { Navigate, Outlet } from 'react-router';
import { FullPageSpin } from '../../../components/FullPageSpin';
import { LoadError } from '../../../components/LoadError';
import { useMe } from '../api';

/** Renders the nested routes for a signed-in user; otherwise sends them to /login. */
export function RequireAuth() {
  const me = useMe();

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <LoadError onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/login" replace />;
  return <Outlet />;
}
