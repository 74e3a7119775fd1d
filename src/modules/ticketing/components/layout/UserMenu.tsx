// The header's user block: name, role and the sign-out button.
import { useRouter } from 'next/router';
import { useState } from 'react';
import { useSWRConfig } from 'swr';
import { api } from '../../hooks/api';

const ROLE_LABEL: Record<string, string> = { admin: 'Admin', manager: 'Manager', agent: 'Agent', technician: 'Technician', finance: 'Finance' };

export function UserMenu({ name, role }: { name: string; role: string }) {
  const router = useRouter();
  const { mutate } = useSWRConfig();
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    try {
      await api('auth-logout', { method: 'POST' });
    } finally {
      // Forget every cached answer so the next user sees nothing of this one's data.
      await mutate(() => true, undefined, { revalidate: false });
      await router.replace('/login');
    }
  }
  return (
    <div className="flex items-center gap-3">
      <div className="text-right leading-tight" data-testid="current-user">
        <div className="text-sm font-medium text-slate-900">{name}</div>
        <div className="text-xs text-slate-600">{ROLE_LABEL[role] ?? role}</div>
      </div>
      <button type="button" className="btn-secondary" onClick={() => void signOut()} disabled={busy}>
        Sign out
      </button>
    </div>
  );
}
