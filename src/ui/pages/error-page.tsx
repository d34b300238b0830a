import { ErrorSummary, type ErrorSummaryItem } from '../components/error-summary/error-summary.js';
import { PortalLayout } from '../layouts/portal-layout.js';
import { StaffLayout } from '../layouts/staff-layout.js';
import { renderPage } from '../render.js';

export interface ErrorPageProps {
  status: number;
  message: string;
  fieldErrors: Readonly<Record<string, string>>;
  /** Staff pages get the staff layout; everything else the portal's. */
  area: 'staff' | 'portal';
  portalName: string;
}

const titles: Record<number, string> = {
  400: 'درخواست نامعتبر',
  401: 'ورود لازم است',
  403: 'دسترسی ندارید',
  404: 'صفحه پیدا نشد',
  409: 'تعارض ویرایش',
  413: 'حجم اطلاعات بیش از حد',
  415: 'نوع محتوا پشتیبانی نمی‌شود',
  422: 'اطلاعات فرم درست نیست',
  429: 'درخواست‌های بیش از حد',
  500: 'خطای سامانه',
};

export function errorTitle(status: number): string {
  return titles[status] ?? (status >= 500 ? titles[500]! : 'درخواست انجام نشد');
}

/** What to do next, per status, in a sentence. */
function advice(status: number): string | undefined {
  switch (status) {
    case 409:
      return 'تغییرات شما ذخیره نشد. صفحه را دوباره باز کنید تا آخرین نسخه را ببینید، سپس تغییرات خود را دوباره اعمال کنید.';
    case 422:
      return 'به صفحهٔ قبل برگردید، موارد بالا را درست کنید و دوباره بفرستید.';
    case 429:
      return 'کمی صبر کنید و دوباره تلاش کنید.';
    default:
      return undefined;
  }
}

function ErrorContent(props: ErrorPageProps) {
  // Field ids belong to a form that is not on this page, so the items are not links.
  const summary: ErrorSummaryItem[] = Object.values(props.fieldErrors)
    .filter((text) => text !== '')
    .map((text) => ({ text }));
  const home = props.area === 'staff' ? '/staff' : '/';
  const next = advice(props.status);
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1>{errorTitle(props.status)}</h1>
      <p class="lead">{props.message}</p>
      {next && <p>{next}</p>}
      {props.status === 401 ? (
        <p>
          <a href="/login">ورود به سامانه</a>
        </p>
      ) : (
        <p>
          <a href={home}>{props.area === 'staff' ? 'بازگشت به میز کار' : 'بازگشت به صفحهٔ نخست'}</a>
        </p>
      )}
    </>
  );
}

export function ErrorPage(props: ErrorPageProps) {
  const title = errorTitle(props.status);
  if (props.area === 'staff') {
    // No account block or logout button: the error handler has no reply, hence no CSRF token.
    return (
      <StaffLayout title={title}>
        <ErrorContent {...props} />
      </StaffLayout>
    );
  }
  return (
    <PortalLayout title={title} siteName={props.portalName}>
      <ErrorContent {...props} />
    </PortalLayout>
  );
}

/** The parts of the request the page needs (structurally a FastifyRequest). */
export interface ErrorRequest {
  url: string;
  /** Set by the auth feature for a signed-in request; any value means "staff". */
  currentUser?: unknown;
}

/** The parts of the error handler's ErrorView (src/core/http/error-handler.ts) the page shows. */
export interface ErrorPageView {
  status: number;
  message: string;
  fieldErrors: Readonly<Record<string, string>>;
}

export const defaultPortalName = 'شهرداری منطقه ۲۱ تهران';

const STAFF_PATHS = /^\/(staff|account|login|logout)(\/|$)/;

/**
 * Adapter for the one error handler. Signed-in people and staff URLs get the staff
 * layout; everyone else the portal's.
 */
export function createErrorPageRenderer(options: { portalName: string }) {
  return (request: ErrorRequest, view: ErrorPageView): string => {
    const path = request.url.split('?')[0] ?? '/';
    const area = request.currentUser || STAFF_PATHS.test(path) ? 'staff' : 'portal';
    return renderPage(
      <ErrorPage status={view.status} message={view.message} fieldErrors={view.fieldErrors} area={area} portalName={options.portalName} />,
    );
  };
}

export const renderErrorPage = createErrorPageRenderer({ portalName: defaultPortalName });
