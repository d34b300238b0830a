import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { PortalLayout } from '../../../ui/layouts/portal-layout.js';
import { renderPage } from '../../../ui/render.js';
import { NeighbourhoodList, SAMPLE_PLACEMENT_NOTE } from './home.page.js';
import type { PortalChrome, PortalDistrictView } from './portal-view-models.js';

export interface PortalDistrictProps extends PortalChrome {
  regionName: string;
  district: PortalDistrictView;
  placementIsSample: boolean;
}

export function PortalDistrictPage(props: PortalDistrictProps) {
  const d = props.district;
  return (
    <PortalLayout
      title={`${d.name} — ${props.regionName}`}
      siteName={props.siteName}
      tagline="روابط عمومی"
      nav={[{ href: '/', label: 'صفحهٔ نخست' }]}
      beforeContent={<Breadcrumbs items={[{ label: 'صفحهٔ نخست', href: '/' }, { label: d.name }]} />}
    >
      <h1>
        {d.name} {props.regionName}
      </h1>
      <section aria-labelledby="neighbourhoods-title">
        <h2 id="neighbourhoods-title">محله‌ها</h2>
        {props.placementIsSample && <p class="hint">{SAMPLE_PLACEMENT_NOTE}</p>}
        <NeighbourhoodList names={d.neighbourhoods} label={`محله‌های ${d.name}`} />
      </section>
      <p>خبرها و برنامه‌های این ناحیه پس از انتشار در همین صفحه می‌آید.</p>
    </PortalLayout>
  );
}

export function renderPortalDistrictPage(props: PortalDistrictProps): string {
  return renderPage(<PortalDistrictPage {...props} />);
}
