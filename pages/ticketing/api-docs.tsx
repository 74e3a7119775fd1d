// The API reference: the generated OpenAPI document (GET /api/ticketing/openapi) rendered by Scalar, served locally.
import Head from 'next/head';
import Link from 'next/link';
import Script from 'next/script';

interface ScalarGlobal {
  createApiReference: (selector: string, options: Record<string, unknown>) => unknown;
}

export default function ApiDocsPage() {
  return (
    <>
      <Head>
        <title>API reference · FibreFlow Tickets</title>
      </Head>
      <header className="flex items-center gap-4 border-b border-slate-200 bg-white px-4 py-3">
        <Link href="/ticketing" className="text-sm font-medium text-brand-700 hover:underline">
          ← FibreFlow Tickets
        </Link>
        <h1 className="text-base font-semibold text-slate-900">API reference</h1>
        <a className="ml-auto text-sm text-brand-700 hover:underline" href="/api/ticketing/openapi">
          OpenAPI 3.1 document (JSON)
        </a>
      </header>
      <main id="main">
        <div id="scalar-docs" />
      </main>
      <Script
        src="/api/ticketing/api-docs-viewer"
        strategy="afterInteractive"
        onLoad={() => {
          const scalar = (window as unknown as { Scalar?: ScalarGlobal }).Scalar;
          scalar?.createApiReference('#scalar-docs', { url: '/api/ticketing/openapi', hideClientButton: true, withDefaultFonts: false });
        }}
      />
    </>
  );
}
