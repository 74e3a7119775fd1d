// The hot elements on a Leaflet map (bundled, no CDN), on the configured tile server. When no tile server is set or
// its first tile does not load, the map is not shown and the list beside it is the whole answer.
import { useEffect, useRef, useState } from 'react';

export interface HotPoint {
  alertId: string;
  kind: string;
  key: string;
  faultCount: number;
  gpsLat: number | null;
  gpsLng: number | null;
  ticketUid: string;
}

function tileReachable(template: string): Promise<boolean> {
  return new Promise((resolve) => {
    const img = new Image();
    const timer = setTimeout(() => resolve(false), 4000);
    img.onload = () => {
      clearTimeout(timer);
      resolve(true);
    };
    img.onerror = () => {
      clearTimeout(timer);
      resolve(false);
    };
    img.src = template.replace('{z}', '0').replace('{x}', '0').replace('{y}', '0').replace('{s}', 'a');
  });
}

export function HotElementsMap({ tileUrl, attribution, points }: { tileUrl: string | null; attribution: string; points: HotPoint[] }) {
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'checking' | 'ready' | 'unavailable'>(tileUrl ? 'checking' : 'unavailable');
  const located = points.filter((p) => p.gpsLat !== null && p.gpsLng !== null);

  useEffect(() => {
    if (!tileUrl || located.length === 0) return;
    let cancelled = false;
    let map: { remove(): void } | null = null;
    void (async () => {
      if (!(await tileReachable(tileUrl)) || cancelled || !box.current) {
        if (!cancelled) setState('unavailable');
        return;
      }
      const L = await import('leaflet');
      if (cancelled || !box.current) return;
      const m = L.map(box.current);
      map = m;
      L.tileLayer(tileUrl, { attribution, maxZoom: 19 }).addTo(m);
      const bounds = L.latLngBounds(located.map((p) => [p.gpsLat as number, p.gpsLng as number] as [number, number]));
      for (const p of located) {
        L.circleMarker([p.gpsLat as number, p.gpsLng as number], { radius: 6 + Math.min(p.faultCount, 12), color: '#dc2626' })
          .bindPopup(`${p.kind} ${p.key}: ${p.faultCount} faults (${p.ticketUid})`)
          .addTo(m);
      }
      m.fitBounds(bounds.pad(0.3), { maxZoom: 16 });
      setState('ready');
    })();
    return () => {
      cancelled = true;
      map?.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tileUrl, attribution, JSON.stringify(located)]);

  if (!tileUrl || state === 'unavailable' || located.length === 0) {
    return <p className="text-xs text-slate-500" data-testid="map-unavailable">{tileUrl && located.length ? 'Map unavailable: the tile server cannot be reached. The list shows every hot element.' : 'No map: the list shows every hot element.'}</p>;
  }
  return <div ref={box} className="h-64 w-full rounded" data-testid="hot-map" aria-label="Map of hot elements" role="img" />;
}
