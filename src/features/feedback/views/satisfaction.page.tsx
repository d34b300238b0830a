// The satisfaction form on a page of its own: shown when a post is refused (422), so the
// errors and the typed values appear without touching the cached district page.
import { Breadcrumbs } from '../../../ui/components/breadcrumbs/breadcrumbs.js';
import { PortalLayout } from '../../../ui/layouts/portal-layout.js';
import { renderPage } from '../../../ui/render.js';
import { SatisfactionForm, type SatisfactionFormProps } from './satisfaction-form.js';

export interface SatisfactionPageProps {
  siteName: string;
  districtName: string;
  districtCode: string;
  form: SatisfactionFormProps;
}

export function SatisfactionPage(props: SatisfactionPageProps) {
  const districtHref = `/districts/${encodeURIComponent(props.districtCode)}`;
  const hasErrors = Object.keys(props.form.errors ?? {}).length > 0;
  return (
    <PortalLayout
      title={`رضایت شما از خدمات — ${props.districtName}`}
      siteName={props.siteName}
      tagline="روابط عمومی"
      nav={[{ href: '/', label: 'صفحهٔ نخست' }]}
      hasErrors={hasErrors}
      beforeContent={
        <Breadcrumbs
          items={[
            { label: 'صفحهٔ نخست', href: '/' },
            { label: props.districtName, href: districtHref },
            { label: 'رضایت شما از خدمات' },
          ]}
        />
      }
    >
      <SatisfactionForm {...props.form} headingLevel={1} />
      <p>
        <a href={districtHref}>بازگشت به صفحهٔ {props.districtName}</a>
      </p>
    </PortalLayout>
  );
}

export function renderSatisfactionPage(props: SatisfactionPageProps): string {
  return renderPage(<SatisfactionPage {...props} />);
}
