// The archive: the Jalali months that have published news, newest first, by year.
import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { PortalLayout, portalNav } from '../../../ui/layouts/portal-layout.js';
import { renderPage } from '../../../ui/render.js';
import { withHead, type PortalHead } from './head.js';
import type { PortalChrome } from './portal-view-models.js';

export interface PortalArchiveYear {
  year: number;
  /** In Persian digits. */
  label: string;
  months: Array<{ href: string; name: string; count: string }>;
}

export interface PortalArchiveProps extends PortalChrome {
  years: PortalArchiveYear[];
}

export function PortalArchivePage(props: PortalArchiveProps) {
  return (
    <PortalLayout
      title="بایگانی خبرها"
      siteName={props.siteName}
      tagline="روابط عمومی"
      nav={portalNav('/archive')}
      beforeContent={<Breadcrumbs items={[{ label: 'صفحهٔ نخست', href: '/' }, { label: 'بایگانی' }]} />}
    >
      <h1>بایگانی خبرها</h1>
      {props.years.length === 0 ? (
        <p>هنوز خبری منتشر نشده است؛ خبرهای منتشرشده در این صفحه ماه‌به‌ماه بایگانی می‌شوند.</p>
      ) : (
        props.years.map((y) => (
          <section key={y.year} aria-labelledby={`year-${y.year}`}>
            <h2 id={`year-${y.year}`}>سال {y.label}</h2>
            <ul class="portal-link-list" aria-label={`ماه‌های سال ${y.label}`}>
              {y.months.map((m) => (
                <li key={m.href}>
                  <a href={m.href}>{m.name}</a> <span class="portal-count">({m.count} خبر)</span>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </PortalLayout>
  );
}

export function renderPortalArchivePage(props: PortalArchiveProps, head: PortalHead = {}): string {
  return withHead(renderPage(<PortalArchivePage {...props} />), head);
}
