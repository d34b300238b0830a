// The index of service-area tags: each links to its list of news.
import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { PortalLayout, portalNav } from '../../../ui/layouts/portal-layout.js';
import { renderPage } from '../../../ui/render.js';
import { withHead, type PortalHead } from './head.js';
import type { PortalChrome, PortalLink } from './portal-view-models.js';

export interface PortalTagsProps extends PortalChrome {
  tags: PortalLink[];
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
      <ul class="portal-link-list" aria-label="موضوع‌ها">
        {props.tags.map((t) => (
          <li key={t.href}>
            <a href={t.href}>{t.name}</a>
          </li>
        ))}
      </ul>
    </PortalLayout>
  );
}

export function renderPortalTagsPage(props: PortalTagsProps, head: PortalHead = {}): string {
  return withHead(renderPage(<PortalTagsPage {...props} />), head);
}
