import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import type { Permission } from '../../../../../contracts/roles';
import { hasAnyPermission, useMe } from '../api';

/**
 * Hides a page the user cannot use. Only a convenience: the server checks permission and
 * scope on every request.
 */
export function RequirePermission({ anyOf, children }: { anyOf?: readonly Permission[]; children: ReactNode }) {
  const { data: user } = useMe();
  if (anyOf && !hasAnyPermission(user, anyOf)) return <Navigate to="/403" replace />;
  return children;
}
