import { useState, type FormEvent } from 'react';
import { errorMessage, type User } from '../api';
import { ErrorText, Loading, RecordTable, Section, type Column } from '../components/ui';
import { formatDateTime } from '../mail-words';
import { useApiPost, useResource } from '../use-resource';

interface PasswordLink {
  link: string;
  expiresAt: string;
}

/** Admins invite users, reset passwords, deactivate and reactivate; each link is shown to pass on. */
export function UsersPanel({ onChanged }: { onChanged: () => void }) {
  const users = useResource<{ items: User[] }>('/api/users');
  const post = useApiPost();
  const [shown, setShown] = useState<{ email: string; link: PasswordLink } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(run: () => Promise<unknown>) {
    setError(null);
    try {
      await run();
      users.reload();
      onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  const columns: Column<User>[] = [
    { header: 'E-mail', cell: (user) => user.email },
    { header: 'Name', cell: (user) => user.name },
    { header: 'Role', cell: (user) => user.role },
    {
      header: 'State',
      cell: (user) =>
        user.deactivatedAt ? `Deactivated ${formatDateTime(user.deactivatedAt)}` : 'Active',
    },
    {
      header: 'Actions',
      cell: (user) => (
        <>
          <button
            type="button"
            onClick={() =>
              void act(async () => {
                const link = await post<PasswordLink>(`/api/users/${user.id}/password-reset`);
                setShown({ email: user.email, link });
              })
            }
            disabled={Boolean(user.deactivatedAt)}
          >
            Reset password
          </button>{' '}
          <button
            type="button"
            onClick={() =>
              void act(() =>
                post(`/api/users/${user.id}/${user.deactivatedAt ? 'reactivate' : 'deactivate'}`),
              )
            }
          >
            {user.deactivatedAt ? 'Reactivate' : 'Deactivate'}
          </button>
        </>
      ),
    },
  ];

  return (
    <Section title="Users">
      <InviteForm
        onInvited={(email, link) => {
          setShown({ email, link });
          users.reload();
          onChanged();
        }}
      />
      {shown ? (
        <p className="notice">
          One-time link for {shown.email}, valid until {formatDateTime(shown.link.expiresAt)}:{' '}
          <code>{shown.link.link}</code>
        </p>
      ) : null}
      <ErrorText message={error ?? users.error} />
      {users.data ? (
        <RecordTable caption="Users" columns={columns} items={users.data.items} empty="No users." />
      ) : (
        <Loading />
      )}
    </Section>
  );
}

function InviteForm({ onInvited }: { onInvited: (email: string, link: PasswordLink) => void }) {
  const post = useApiPost();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<User['role']>('rep');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      const invited = await post<PasswordLink>('/api/users/invitations', { email, name, role });
      onInvited(email, invited);
      setEmail('');
      setName('');
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)}>
      <label htmlFor="invite-email">E-mail</label>
      <input
        id="invite-email"
        type="email"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <label htmlFor="invite-name">Name</label>
      <input id="invite-name" value={name} onChange={(event) => setName(event.target.value)} />
      <label htmlFor="invite-role">Role</label>
      <select
        id="invite-role"
        value={role}
        onChange={(event) => setRole(event.target.value as User['role'])}
      >
        <option value="rep">Rep</option>
        <option value="manager">Manager</option>
        <option value="admin">Admin</option>
      </select>
      <button type="submit" className="primary">
        Invite
      </button>
      <ErrorText message={error} />
    </form>
  );
}
