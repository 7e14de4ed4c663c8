import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { AuditLogPage } from '../features/audit/pages/AuditLogPage';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { RequirePermission } from '../features/auth/components/RequirePermission';
import { LoginPage } from '../features/auth/pages/LoginPage';
import { ApplicationsPage } from '../features/matching/pages/ApplicationsPage';
import { DemandBoardPage } from '../features/matching/pages/DemandBoardPage';
import { DemandImportPage } from '../features/matching/pages/DemandImportPage';
import { DemandPage } from '../features/matching/pages/DemandPage';
import { EventPage } from '../features/matching/pages/EventPage';
import { EventsPage } from '../features/matching/pages/EventsPage';
import { FitPage } from '../features/matching/pages/FitPage';
import { IntentionPage } from '../features/matching/pages/IntentionPage';
import { RecommendationsPage } from '../features/matching/pages/RecommendationsPage';
import { VisitsPage } from '../features/matching/pages/VisitsPage';
import { HomePage } from '../features/home/pages/HomePage';
import { PersonImportPage } from '../features/imports/pages/PersonImportPage';
import { AcceptInvitationPage } from '../features/onboarding/pages/AcceptInvitationPage';
import { RegisterOrganisationPage } from '../features/onboarding/pages/RegisterOrganisationPage';
import { RegisterTalentPage } from '../features/onboarding/pages/RegisterTalentPage';
import { OrganisationListPage } from '../features/organisations/pages/OrganisationListPage';
import { PersonDetailPage } from '../features/persons/pages/PersonDetailPage';
import { PersonListPage } from '../features/persons/pages/PersonListPage';
import { ReferencePage } from '../features/reference/pages/ReferencePage';
import { CategoryStatsPage } from '../features/registry/pages/CategoryStatsPage';
import { CredentialIssuePage } from '../features/registry/pages/CredentialIssuePage';
import { TargetPersonsPage } from '../features/targets/pages/TargetPersonsPage';
import { TargetImportPage } from '../features/targets/pages/TargetImportPage';
import { TargetPlanPage } from '../features/targets/pages/TargetPlanPage';
import { TargetsPage } from '../features/targets/pages/TargetsPage';
import { ReportsPage } from '../features/reports/pages/ReportsPage';
import { SupervisionPage } from '../features/supervision/pages/SupervisionPage';
import { SubsidyApprovalPage } from '../features/subsidy/pages/ApprovalPage';
import { SubsidyBatchesPage } from '../features/subsidy/pages/BatchesPage';
import { SubsidyClaimsPage } from '../features/subsidy/pages/ClaimsPage';
import { SubsidyLedgerPage } from '../features/subsidy/pages/LedgerPage';
import { SubsidyNoticePage } from '../features/subsidy/pages/NoticePage';
import { SubsidyReviewPage } from '../features/subsidy/pages/ReviewPage';
import { ClassPage } from '../features/training/pages/ClassPage';
import { EnterpriseReportPage } from '../features/training/pages/EnterpriseReportPage';
import { LearningPage } from '../features/training/pages/LearningPage';
import { ProgrammePage } from '../features/training/pages/ProgrammePage';
import { TrainingPage } from '../features/training/pages/TrainingPage';
import { SecuritySettingsPage } from '../features/security/pages/SecuritySettingsPage';
import { RoleAssignmentPage } from '../features/users/pages/RoleAssignmentPage';
import { UserListPage } from '../features/users/pages/UserListPage';
import { AppLayout } from './AppLayout';
import { NAV_ITEMS, navItem } from './nav';
import { ForbiddenPage } from './pages/ForbiddenPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { UnderConstructionPage } from './pages/UnderConstructionPage';

/** Pages that exist; every other menu item shows 建设中 for now. */
const PAGES: Record<string, ReactNode> = {
  home: <HomePage />,
  organisations: <OrganisationListPage />,
  persons: <PersonListPage />,
  importPersons: <PersonImportPage />,
  credentialIssue: <CredentialIssuePage />,
  categories: <CategoryStatsPage />,
  targets: <TargetsPage />,
  reports: <ReportsPage />,
  supervision: <SupervisionPage />,
  training: <TrainingPage />,
  learning: <LearningPage />,
  enterpriseReport: <EnterpriseReportPage />,
  subsidyClaims: <SubsidyClaimsPage />,
  subsidyReview: <SubsidyReviewPage />,
  subsidyNotices: <SubsidyNoticePage />,
  subsidyApproval: <SubsidyApprovalPage />,
  subsidyBatches: <SubsidyBatchesPage />,
  subsidyLedger: <SubsidyLedgerPage />,
  demands: <DemandBoardPage />,
  intention: <IntentionPage />,
  recommendations: <RecommendationsPage />,
  applications: <ApplicationsPage />,
  events: <EventsPage />,
  visits: <VisitsPage />,
  fit: <FitPage />,
  reference: <ReferencePage />,
  users: <UserListPage />,
  roles: <RoleAssignmentPage />,
  security: <SecuritySettingsPage />,
  audit: <AuditLogPage />,
};

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* Onboarding: used without a session. */}
      <Route path="/register/organisation" element={<RegisterOrganisationPage />} />
      <Route path="/register/talent" element={<RegisterTalentPage />} />
      <Route path="/invitations/:token" element={<AcceptInvitationPage />} />
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
          <Route
            path="/persons/:id"
            element={
              <RequirePermission anyOf={navItem('persons').anyOf}>
                <PersonDetailPage />
              </RequirePermission>
            }
          />
          {/* 目标设置: province admins edit, city admins read their plan; import for target.edit only. */}
          <Route
            path="/targets/plan"
            element={
              <RequirePermission anyOf={navItem('targets').anyOf}>
                <TargetPlanPage />
              </RequirePermission>
            }
          />
          {['/targets/import', '/targets/import/:batchId'].map((path) => (
            <Route
              key={path}
              path={path}
              element={
                <RequirePermission anyOf={['target.edit']}>
                  <TargetImportPage />
                </RequirePermission>
              }
            />
          ))}
          <Route
            path="/targets/:indicator/persons"
            element={
              <RequirePermission anyOf={navItem('targets').anyOf}>
                <TargetPersonsPage />
              </RequirePermission>
            }
          />
          {/* 人才供需对接专区: demand import (before :id), one demand. */}
          {['/matching/demands/import', '/matching/demands/import/:batchId'].map((path) => (
            <Route
              key={path}
              path={path}
              element={
                <RequirePermission anyOf={['demand.manage']}>
                  <DemandImportPage />
                </RequirePermission>
              }
            />
          ))}
          <Route
            path="/matching/demands/:id"
            element={
              <RequirePermission anyOf={navItem('demands').anyOf}>
                <DemandPage />
              </RequirePermission>
            }
          />
          <Route
            path="/matching/events/:id"
            element={
              <RequirePermission anyOf={navItem('events').anyOf}>
                <EventPage />
              </RequirePermission>
            }
          />
          <Route
            path="/imports/persons/:batchId"
            element={
              <RequirePermission anyOf={navItem('importPersons').anyOf}>
                <PersonImportPage />
              </RequirePermission>
            }
          />
          {/* 培训: a programme and a class (training.read reaches them by organisation, city or province). */}
          <Route
            path="/training/programmes/:id"
            element={
              <RequirePermission anyOf={['training.read']}>
                <ProgrammePage />
              </RequirePermission>
            }
          />
          <Route
            path="/training/classes/:id"
            element={
              <RequirePermission anyOf={['training.read']}>
                <ClassPage />
              </RequirePermission>
            }
          />
          <Route path="/403" element={<ForbiddenPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
