// Sign-in for local accounts: email and password against POST auth-login, then back to where the user was going.
import Head from 'next/head';
import { useRouter } from 'next/router';
import { useState, type FormEvent } from 'react';
import { useSWRConfig } from 'swr';
import { Field } from '@/src/modules/ticketing/components/ui/Field';
import { Spinner } from '@/src/modules/ticketing/components/ui/States';
import { useMutation } from '@/src/modules/ticketing/hooks/useApi';
import { safeNext } from '@/src/modules/ticketing/hooks/urls';
import { swrFetcher } from '@/src/modules/ticketing/hooks/api';

export default function LoginPage() {
  const router = useRouter();
  const { mutate } = useSWRConfig();
  const { run, pending, error } = useMutation<{ user: { name: string } }>();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await run('auth-login', { method: 'POST', body: { email, password } });
    if (!ok) return;
    // Replace the cached "not signed in" answer before the app frame reads it, or it would bounce back here.
    await mutate('auth-me', swrFetcher('auth-me'), { revalidate: false });
    await router.replace(safeNext(router.query.next, window.location.origin));
  }

  const formError = error && Object.keys(error.fields).length === 0 ? error.message : null;
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-brand-900 to-brand-600 p-4">
      <Head>
        <title>Sign in · FibreFlow Tickets</title>
      </Head>
      <form onSubmit={(e) => void submit(e)} className="card w-full max-w-sm space-y-4 p-6 sm:p-8" aria-labelledby="login-title" noValidate>
        <div>
          <h1 id="login-title" className="text-2xl font-semibold text-slate-900">
            Sign in
          </h1>
          <p className="mt-1 text-sm text-slate-600">FibreFlow maintenance and fault tickets</p>
        </div>
        {formError && (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            {formError}
          </div>
        )}
        <Field label="Email" error={error?.fields.email} required>
          <input className="input" type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </Field>
        <Field label="Password" error={error?.fields.password} required>
          <input className="input" type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <button type="submit" className="btn-primary w-full" disabled={pending}>
          {pending && <Spinner />} Sign in
        </button>
      </form>
    </main>
  );
}
