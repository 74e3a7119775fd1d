// The application shell: global styles and one SWR configuration (the API client as fetcher) for every screen.
import NextApp, { type AppContext, type AppProps } from 'next/app';
import { SWRConfig } from 'swr';
import { ApiError, swrFetcher } from '@/src/modules/ticketing/hooks/api';
import '../styles/globals.css';
// The hot-elements map (Leaflet, bundled from npm: no CDN).
import 'leaflet/dist/leaflet.css';

const swrConfig = {
  fetcher: swrFetcher,
  revalidateOnFocus: false,
  // A refusal will not change on retry; only transient failures are retried.
  shouldRetryOnError: (err: unknown) => !(err instanceof ApiError) || err.status >= 500 || err.status === 0,
  errorRetryCount: 2,
};

export default function App({ Component, pageProps }: AppProps) {
  return (
    <SWRConfig value={swrConfig}>
      <Component {...pageProps} />
    </SWRConfig>
  );
}

// Every page is rendered per request (not prerendered): its inline scripts carry the request's CSP nonce (_document).
App.getInitialProps = (ctx: AppContext) => NextApp.getInitialProps(ctx);
