// A neighbourhood: its published news, and the place kept for its data-bank profile.
import type { PortalHead } from './head.js';
import { renderPortalListPage, type PortalListProps } from './list.page.js';

export const PROFILE_PENDING = 'نمایهٔ آماری این محله به‌زودی در بانک اطلاعات محله‌ها منتشر می‌شود.';

export interface PortalNeighbourhoodProps extends Omit<PortalListProps, 'heading' | 'crumbs' | 'emptyText' | 'children' | 'intro'> {
  name: string;
  district: { name: string; href: string };
  regionName: string;
  placementIsSample: boolean;
}

export const SAMPLE_NEIGHBOURHOOD_NOTE = 'جای این محله در ناحیه نمونه است و هنوز با فهرست رسمی منطقه تطبیق داده نشده است.';

export function renderPortalNeighbourhoodPage(props: PortalNeighbourhoodProps, head: PortalHead = {}): string {
  const { name, district, regionName, placementIsSample, ...list } = props;
  return renderPortalListPage(
    {
      ...list,
      heading: `محلهٔ ${name}`,
      crumbs: [{ label: 'صفحهٔ نخست', href: '/' }, { label: district.name, href: district.href }, { label: `محلهٔ ${name}` }],
      intro: (
        <p>
          محلهٔ {name} در <a href={district.href}>{district.name}</a> {regionName}.{placementIsSample && <> {SAMPLE_NEIGHBOURHOOD_NOTE}</>}
        </p>
      ),
      emptyText: `هنوز خبری دربارهٔ محلهٔ ${name} منتشر نشده است؛ خبرهای این محله پس از انتشار در همین صفحه می‌آید.`,
      children: (
        <section aria-labelledby="profile-title" class="portal-profile">
          <h2 id="profile-title">نمایهٔ محله</h2>
          <p class="hint">{PROFILE_PENDING}</p>
        </section>
      ),
    },
    head,
  );
}
