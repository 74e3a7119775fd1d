// The navigation sidebar: only the screens the user's role may open; a drawer on small screens.
import Link from 'next/link';
import { useRouter } from 'next/router';
import { activeHref, type NavSection } from './navigation';

export function Sidebar({ sections, open, onClose }: { sections: NavSection[]; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const path = router.asPath.split('?')[0];
  const active = activeHref(path, sections);
  return (
    <>
      {open && <div className="fixed inset-0 z-30 bg-slate-900/40 lg:hidden" aria-hidden="true" onClick={onClose} />}
      <nav
        id="app-sidebar"
        aria-label="Main"
        className={`fixed inset-y-0 left-0 z-40 w-64 transform overflow-y-auto bg-brand-900 text-slate-100 transition-transform lg:static lg:translate-x-0 ${
          open ? 'translate-x-0' : '-translate-x-full'
        }`}
      >
        <div className="flex h-14 items-center px-4 text-lg font-semibold tracking-tight">
          <span aria-hidden="true" className="mr-2 inline-block h-3 w-3 rounded-full bg-sky-400" />
          FibreFlow
        </div>
        {sections.map((s) => (
          <div key={s.title} className="px-3 pb-4">
            <h2 className="px-2 pb-1 text-xs font-semibold uppercase tracking-wider text-sky-200/70">{s.title}</h2>
            <ul>
              {s.items.map((i) => (
                <li key={i.href}>
                  <Link
                    href={i.href}
                    onClick={onClose}
                    aria-current={active === i.href ? 'page' : undefined}
                    className={`block rounded-md px-2 py-1.5 text-sm ${
                      active === i.href ? 'bg-white/15 font-semibold text-white' : 'text-slate-200 hover:bg-white/10'
                    }`}
                  >
                    {i.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
    </>
  );
}
