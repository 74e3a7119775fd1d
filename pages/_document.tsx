// The HTML document: language, colour scheme and the mobile viewport; the request's CSP nonce on Next's scripts.
import { Head, Html, Main, NextScript, type DocumentContext, type DocumentInitialProps } from 'next/document';

interface Props extends DocumentInitialProps {
  nonce?: string;
}

export default function Document({ nonce }: Props) {
  return (
    <Html lang="en-ZA">
      <Head nonce={nonce}>
        <meta name="description" content="FibreFlow Ticketing: FTTH maintenance and fault tickets" />
        <meta name="theme-color" content="#0b2f52" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </Head>
      <body className="min-h-screen">
        <Main />
        <NextScript nonce={nonce} />
      </body>
    </Html>
  );
}

// Rendered per request (the nonce is new each time), so pages are not prerendered as static HTML.
Document.getInitialProps = async (ctx: DocumentContext): Promise<Props> => {
  const initial = await ctx.defaultGetInitialProps(ctx);
  const nonce = ctx.req?.headers['x-nonce'];
  return { ...initial, nonce: typeof nonce === 'string' ? nonce : undefined };
};
