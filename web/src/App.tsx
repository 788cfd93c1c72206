import { lazy } from 'react';
import { BrowserRouter, Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { accountColumns, caseColumns, contactColumns, dealColumns, leadColumns } from './columns';
import type { RecordKind } from './api';
import { ErrorText, Loading, type Column } from './components/ui';
import { AccountPage } from './pages/AccountPage';
import { CasePage } from './pages/CasePage';
import { ContactPage } from './pages/ContactPage';
import { DealPage } from './pages/DealPage';
import { InboxPage } from './pages/InboxPage';
import { LeadPage } from './pages/LeadPage';
import { MessagePage } from './pages/MessagePage';
import { SearchPage } from './pages/SearchPage';
import { RecordListPage } from './pages/RecordListPage';
import { TasksPage } from './pages/TasksPage';
import { ReviewPage } from './pages/ReviewPage';
import { Shell } from './pages/Shell';
import { SetPasswordPage } from './pages/SetPasswordPage';
import { SignInPage } from './pages/SignInPage';
import { setPasswordPath } from '../../src/api-shapes/auth';
import { SessionProvider, useSession } from './session';
import { useDocumentTitle } from './use-resource';

/**
 * Pages a rep opens now and then, and the libraries they alone need (the
 * reports' charts), load when first visited: the first page a user sees
 * does not wait for them.
 */
const MailboxesPage = lazy(() =>
  import('./pages/MailboxesPage').then((m) => ({ default: m.MailboxesPage })),
);
const RulesPage = lazy(() => import('./pages/RulesPage').then((m) => ({ default: m.RulesPage })));
const ReportsPage = lazy(() =>
  import('./pages/ReportsPage').then((m) => ({ default: m.ReportsPage })),
);
const SettingsPage = lazy(() =>
  import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })),
);

/**
 * Each record kind's list and page. The key makes each list its own
 * component instance, so no list shows another's rows.
 */
function listOf<Row extends { id: string }>(
  type: RecordKind,
  title: string,
  columns: Column<Row>[],
) {
  const noun = title.toLowerCase();
  return (
    <RecordListPage<Row>
      key={noun}
      type={type}
      title={title}
      noun={noun}
      apiPath={`/api/${noun}`}
      columns={columns}
    />
  );
}

const recordPages = [
  {
    path: 'accounts',
    list: listOf('account', 'Accounts', accountColumns),
    detail: <AccountPage />,
  },
  {
    path: 'contacts',
    list: listOf('contact', 'Contacts', contactColumns),
    detail: <ContactPage />,
  },
  { path: 'leads', list: listOf('lead', 'Leads', leadColumns), detail: <LeadPage /> },
  { path: 'deals', list: listOf('deal', 'Deals', dealColumns), detail: <DealPage /> },
  { path: 'cases', list: listOf('case', 'Cases', caseColumns), detail: <CasePage /> },
];

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Screens />
      </BrowserRouter>
    </SessionProvider>
  );
}

/** Signed out, any address shows the sign-in form and, once signed in, the page asked for. */
function Screens() {
  const { state } = useSession();
  const location = useLocation();
  // An invitation or reset link works whoever is signed in on this browser.
  if (location.pathname === setPasswordPath && state.status !== 'checking') {
    return <SetPasswordPage />;
  }
  switch (state.status) {
    case 'checking':
      return (
        <main className="content">
          <Loading />
        </main>
      );
    case 'unavailable':
      return (
        <main className="content">
          <h1>Threadline is unavailable</h1>
          <ErrorText message={state.message} />
        </main>
      );
    case 'signed-out':
      return <SignInPage notice={state.notice} />;
    case 'signed-in':
      return (
        <Routes>
          <Route element={<Shell user={state.session.user} />}>
            <Route index element={<Navigate to="/accounts" replace />} />
            {recordPages.map(({ path, list, detail }) => [
              <Route key={path} path={path} element={list} />,
              <Route key={`${path}/:id`} path={`${path}/:id`} element={detail} />,
            ])}
            <Route path="mailboxes" element={<MailboxesPage />} />
            <Route path="messages/:id" element={<MessagePage />} />
            <Route path="search" element={<SearchPage />} />
            <Route path="inbox" element={<InboxPage />} />
            <Route path="review" element={<ReviewPage />} />
            <Route path="tasks" element={<TasksPage />} />
            <Route path="rules" element={<RulesPage />} />
            <Route path="reports" element={<ReportsPage />} />
            <Route path="settings" element={<SettingsPage />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      );
  }
}

function NotFound() {
  useDocumentTitle('Not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/accounts">Go to accounts</Link>.
      </p>
    </>
  );
}
