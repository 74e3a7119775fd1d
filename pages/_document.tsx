// The HTML document: language, colour scheme and the mobile viewport.
import { Head, Html, Main, NextScript } from 'next/document';

export default function Document() {
  return (
    <Html lang="en-ZA">
      <Head>
        <meta name="description" content="FibreFlow Ticketing: FTTH maintenance and fault tickets" />
        <meta name="theme-color" content="#0b2f52" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </Head>
      <body className="min-h-screen">
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
