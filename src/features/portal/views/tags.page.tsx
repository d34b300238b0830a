// The index of service-area tags that have news: each links to its list, with its count.
import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { PortalLayout, portalNav } from '../../../ui/layouts/portal-layout.js';
import { renderPage } from '../../../ui/render.js';
import { withHead, type PortalHead } from './head.js';
import { formatNumber } from '../../../core/persian/index.js';
import type { PortalChrome, PortalLink } from './portal-view-models.js';

export interface PortalTagsProps extends PortalChrome {
  /** Areas with at least one published item. */
  tags: Array<PortalLink & { count: number }>;
}

export function PortalTagsPage(props: PortalTagsProps) {
  return (
    <PortalLayout
      title="موضوع‌ها"
      siteName={props.siteName}
      tagline="روابط عمومی"
      nav={portalNav('/tags')}
      beforeContent={<Breadcrumbs items={[{ label: 'صفحهٔ نخست', href: '/' }, { label: 'موضوع‌ها' }]} />}
    >
      <h1>موضوع‌ها</h1>
      <p>خبرهای منطقه بر پایهٔ حوزهٔ خدمت شهری دسته‌بندی شده‌اند. هر موضوع خبرخوان جداگانه‌ای هم دارد.</p>
      {props.tags.length === 0 ? (
        <p>هنوز خبری منتشر نشده است.</p>
      ) : (
        <ul class="portal-link-list" aria-label="موضوع‌ها">
          {props.tags.map((t) => (
            <li key={t.href}>
              <a href={t.href}>{t.name}</a> <small>({formatNumber(t.count)} خبر)</small>
            </li>
          ))}
        </ul>
      )}
    </PortalLayout>
  );
}

export function renderPortalTagsPage(props: PortalTagsProps, head: PortalHead = {}): string {
  return withHead(renderPage(<PortalTagsPage {...props} />), head);
}
