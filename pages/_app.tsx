// The application shell: global styles and one SWR configuration (the API client as fetcher) for every screen.
import type { AppProps } from 'next/app';
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
