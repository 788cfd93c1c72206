import { NavLink, Outlet } from 'react-router-dom';
import type { User } from '../api';
import { useSession } from '../session';

const sections = [
  ['/inbox', 'Inbox'],
  ['/review', 'Review'],
  ['/accounts', 'Accounts'],
  ['/contacts', 'Contacts'],
  ['/leads', 'Leads'],
  ['/deals', 'Deals'],
  ['/cases', 'Cases'],
  ['/search', 'Search'],
  ['/mailboxes', 'Mailboxes'],
  ['/settings', 'Settings'],
] as const;

/** The frame around every signed-in page: navigation, the user, sign-out. */
export function Shell({ user }: { user: User }) {
  const { signOut } = useSession();
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Threadline</span>
        <nav aria-label="Main">
          <ul>
            {sections.map(([to, label]) => (
              <li key={to}>
                <NavLink to={to}>{label}</NavLink>
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
        <Outlet />
      </main>
    </div>
  );
}
