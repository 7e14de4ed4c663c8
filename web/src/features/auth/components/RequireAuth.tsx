import { Navigate, Outlet } from 'react-router';
import { FullPageSpin } from '../../../components/FullPageSpin';
import { LoadError } from '../../../components/LoadError';
import { useMe } from '../api';
import { ChangePasswordPage } from '../pages/ChangePasswordPage';

/** Renders the nested routes for a signed-in user; otherwise sends them to /login. */
export function RequireAuth() {
  const me = useMe();

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <LoadError onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/login" replace />;
  // An account opened with an initial password may do nothing else until it is changed (the server agrees).
  if (me.data.mustChangePassword) return <ChangePasswordPage />;
  return <Outlet />;
}
