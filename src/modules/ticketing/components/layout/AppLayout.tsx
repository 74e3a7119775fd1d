// The frame of every signed-in screen: sidebar, header with the user's name and role, and the access check.
import Head from 'next/head';
import { useRouter } from 'next/router';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../../hooks/api';
import { useMe } from '../../hooks/useMe';
import { ErrorState, LoadingState } from '../ui/States';
import { Sidebar } from './Sidebar';
import { UserMenu } from './UserMenu';
import { visibleNavigation } from './navigation';

interface AppLayoutProps {
  title: string;
  /** The permission this screen needs; without it the user sees a plain refusal, not the screen. */
  permission?: string;
  children: ReactNode;
}

export function AppLayout({ title, permission, children }: AppLayoutProps) {
  const router = useRouter();
  const { me, can, error, isLoading } = useMe();
  const [menuOpen, setMenuOpen] = useState(false);
  const sections = useMemo(() => visibleNavigation(can), [can]);
  const unauthenticated = error instanceof ApiError && error.status === 401;

  useEffect(() => {
    if (unauthenticated) void router.replace(`/login?next=${encodeURIComponent(router.asPath)}`);
  }, [unauthenticated, router]);

  let body: ReactNode;
  if (isLoading || unauthenticated) body = <LoadingState />;
  else if (error || !me) body = <ErrorState error={error} title="Could not load your account" />;
  else if (!can(permission))
    body = (
      <div role="alert" className="card p-6">
        <h1 className="text-lg font-semibold">No access</h1>
        <p className="mt-1 text-sm text-slate-600">Your role ({me.user.role}) cannot open {title}.</p>
      </div>
    );
  else body = children;

  return (
    <>
      <Head>
        <title>{`${title} · FibreFlow Tickets`}</title>
      </Head>
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <div className="flex min-h-screen">
        {me && <Sidebar sections={sections} open={menuOpen} onClose={() => setMenuOpen(false)} />}
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-20 flex h-14 items-center gap-3 border-b border-slate-200 bg-white px-3 sm:px-6">
            <button
              type="button"
              className="btn-secondary px-2 lg:hidden"
              aria-controls="app-sidebar"
              aria-expanded={menuOpen}
              onClick={() => setMenuOpen((o) => !o)}
            >
              <span aria-hidden="true">☰</span>
              <span className="sr-only">Menu</span>
            </button>
            <span className="truncate font-medium text-slate-700 lg:hidden">FibreFlow</span>
            <div className="ml-auto">{me && <UserMenu name={me.user.name} role={me.user.role} />}</div>
          </header>
          <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 p-3 sm:p-6">
            {body}
          </main>
        </div>
      </div>
    </>
  );
}
