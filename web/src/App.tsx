import { BrowserRouter, Link, Navigate, Route, Routes } from 'react-router-dom';
import type { AccountSummary, CaseSummary, ContactSummary, DealSummary, LeadSummary } from './api';
import { accountColumns, caseColumns, contactColumns, dealColumns, leadColumns } from './columns';
import { ErrorText, Loading } from './components/ui';
import { AccountPage } from './pages/AccountPage';
import { CasePage } from './pages/CasePage';
import { ContactPage } from './pages/ContactPage';
import { DealPage } from './pages/DealPage';
import { InboxPage } from './pages/InboxPage';
import { LeadPage } from './pages/LeadPage';
import { MailboxesPage } from './pages/MailboxesPage';
import { MessagePage } from './pages/MessagePage';
import { SearchPage } from './pages/SearchPage';
import { SettingsPage } from './pages/SettingsPage';
import { RecordListPage } from './pages/RecordListPage';
import { ReviewPage } from './pages/ReviewPage';
import { Shell } from './pages/Shell';
import { SignInPage } from './pages/SignInPage';
import { SessionProvider, useSession } from './session';
import { useDocumentTitle } from './use-resource';

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
            {/* Keys make each list its own component instance, so no list shows another's rows. */}
            <Route
              path="accounts"
              element={
                <RecordListPage<AccountSummary>
                  key="accounts"
                  title="Accounts"
                  noun="accounts"
                  apiPath="/api/accounts"
                  columns={accountColumns}
                />
              }
            />
            <Route path="accounts/:id" element={<AccountPage />} />
            <Route
              path="contacts"
              element={
                <RecordListPage<ContactSummary>
                  key="contacts"
                  title="Contacts"
                  noun="contacts"
                  apiPath="/api/contacts"
                  columns={contactColumns}
                />
              }
            />
            <Route path="contacts/:id" element={<ContactPage />} />
            <Route
              path="leads"
              element={
                <RecordListPage<LeadSummary>
                  key="leads"
                  title="Leads"
                  noun="leads"
                  apiPath="/api/leads"
                  columns={leadColumns}
                />
              }
            />
            <Route path="leads/:id" element={<LeadPage />} />
            <Route
              path="deals"
              element={
                <RecordListPage<DealSummary>
                  key="deals"
                  title="Deals"
                  noun="deals"
                  apiPath="/api/deals"
                  columns={dealColumns}
                />
              }
            />
            <Route path="deals/:id" element={<DealPage />} />
            <Route
              path="cases"
              element={
                <RecordListPage<CaseSummary>
                  key="cases"
                  title="Cases"
                  noun="cases"
                  apiPath="/api/cases"
                  columns={caseColumns}
                />
              }
            />
            <Route path="cases/:id" element={<CasePage />} />
            <Route path="mailboxes" element={<MailboxesPage />} />
            <Route path="messages/:id" element={<MessagePage />} />
            <Route path="search" element={<SearchPage />} />
            <Route path="inbox" element={<InboxPage />} />
            <Route path="review" element={<ReviewPage />} />
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
