import { StaffFrame, type StaffChrome } from '../../auth/index.js';

export interface HomeLink {
  href: string;
  label: string;
  description: string;
}

export interface HomeLinkGroup {
  heading: string;
  links: HomeLink[];
}

export interface StaffHomePageProps {
  chrome: StaffChrome;
  /** «میز کار مدیر سامانه» and the like: the desk of the user's main role. */
  heading: string;
  displayName: string;
  roles: Array<{ roleLabel: string; scopeLabel: string }>;
  groups: HomeLinkGroup[];
  mustEnableSecondFactor: boolean;
}

export function StaffHomePage(props: StaffHomePageProps) {
  return (
    <StaffFrame chrome={props.chrome} title={props.heading}>
      <h1>{props.heading}</h1>
      <p class="lead">
        <bdi>{props.displayName}</bdi>، خوش آمدید.
      </p>
      <h2>نقش‌های شما</h2>
      {props.roles.length ? (
        <ul>
          {props.roles.map((r, i) => (
            <li key={i}>
              {r.roleLabel} — <bdi>{r.scopeLabel}</bdi>
            </li>
          ))}
        </ul>
      ) : (
        <p>هنوز نقشی به شما داده نشده است. از مدیر سامانه بخواهید نقش و حوزهٔ کارتان را ثبت کند.</p>
      )}
      {props.mustEnableSecondFactor && (
        <p>
          حساب شما دسترسی‌های گسترده دارد. <a href="/account/second-factor">تأیید دومرحله‌ای را روشن کنید</a> تا رمز عبور به‌تنهایی برای ورود کافی نباشد.
        </p>
      )}
      {props.groups.map((g, i) => (
        <section key={g.heading} aria-labelledby={`links-${i}`}>
          <h2 id={`links-${i}`}>{g.heading}</h2>
          <ul>
            {g.links.map((l) => (
              <li key={l.href}>
                <a href={l.href}>{l.label}</a>
                <span class="hint"> {l.description}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </StaffFrame>
  );
}
