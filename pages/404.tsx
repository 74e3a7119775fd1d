// Not found: a plain page with a way back.
import Head from 'next/head';
import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <Head>
        <title>Page not found · FibreFlow Tickets</title>
      </Head>
      <div className="card max-w-md p-8 text-center">
        <p className="text-sm font-semibold text-brand-600">404</p>
        <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">The page you asked for does not exist or has moved.</p>
        <Link href="/ticketing" className="btn-primary mt-6">
          Go to the dashboard
        </Link>
      </div>
    </main>
  );
}
