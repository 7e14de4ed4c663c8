import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { AuditLogPage } from '../features/audit/pages/AuditLogPage';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { RequirePermission } from '../features/auth/components/RequirePermission';
import { LoginPage } from '../features/auth/pages/LoginPage';
import { HomePage } from '../features/home/pages/HomePage';
import { OrganisationListPage } from '../features/organisations/pages/OrganisationListPage';
import { AppLayout } from './AppLayout';
import { NAV_ITEMS } from './nav';
import { ForbiddenPage } from './pages/ForbiddenPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { UnderConstructionPage } from './pages/UnderConstructionPage';

/** Pages that exist; every other menu item shows 建设中 for now. */
const PAGES: Record<string, ReactNode> = {
  home: <HomePage />,
  organisations: <OrganisationListPage />,
  audit: <AuditLogPage />,
};

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route element={<AppLayout />}>
          {NAV_ITEMS.map((item) => (
            <Route
              key={item.id}
              path={item.path}
              element={
                <RequirePermission anyOf={item.anyOf}>{PAGES[item.id] ?? <UnderConstructionPage />}</RequirePermission>
              }
            />
          ))}
          <Route path="/403" element={<ForbiddenPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
