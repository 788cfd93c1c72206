import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import type { FollowUp, User } from '../api';
import { LiveProvider } from '../live';
import { RefilingProgress, UndoBar } from '../components/LiveStatus';
import { Loading } from '../components/ui';
import { useSession } from '../session';
import { useInterval, useResource } from '../use-resource';

const sections = [
  ['/inbox', 'Inbox'],
  ['/review', 'Review'],
  ['/tasks', 'Tasks'],
  ['/accounts', 'Accounts'],
  ['/contacts', 'Contacts'],
  ['/leads', 'Leads'],
  ['/deals', 'Deals'],
  ['/cases', 'Cases'],
  ['/search', 'Search'],
  ['/reports', 'Reports'],
  ['/mailboxes', 'Mailboxes'],
  ['/rules', 'Rules'],
  ['/settings', 'Settings'],
] as const;

/** The frame around every signed-in page: navigation, the user, sign-out. */
export function Shell({ user }: { user: User }) {
  const { signOut } = useSession();
  return (
    <LiveProvider>
      <div className="shell">
        <header className="topbar">
          <span className="brand">Threadline</span>
          <nav aria-label="Main">
            <ul>
              {sections.map(([to, label]) => (
                <li key={to}>
                  <NavLink to={to}>
                    {label}
                    {to === '/review' ? <DueFollowUps /> : null}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="user">
            <span className="user-email" title={user.name || user.email}>
              {user.email}
            </span>
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </header>
        <main className="content">
          <RefilingProgress />
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
        <UndoBar />
      </div>
    </LiveProvider>
  );
}

/** The reminder: how many follow-ups are due, refreshed every minute. */
function DueFollowUps() {
  const due = useResource<{ items: FollowUp[] }>('/api/follow-ups?state=due', {
    keepPrevious: true,
  });
  useInterval(due.reload, 60_000);
  const count = due.data?.items.length ?? 0;
  if (count === 0) return null;
  const words = `${count === 1 ? 'follow-up' : 'follow-ups'} due`;
  return (
    <span className="count" title={`${count} ${words}`}>
      {count}
      <span className="visually-hidden"> {words}</span>
    </span>
  );
}
