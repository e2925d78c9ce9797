import type { Children } from '@kitajs/html';
import type { TFunction } from 'i18next';
import type { StaffRole } from '../../domain/access.js';
import type { Locale } from '../../locales/i18n.js';
import { assetUrl } from '../assets.js';
import type { SessionStaff } from '../auth/sessions.js';

/** What every console page knows about its request: the reader's language and, when signed in, who they are. */
export interface PageContext {
  locale: Locale;
  t: TFunction<'console'>;
  /** The request's path and query, for the language switch. */
  path: string;
  staff?: SessionStaff;
  /** Goes into every form as `_csrf` and into htmx requests as the X-CSRF-Token header. */
  csrfToken?: string;
}

/** A main-menu entry. Add an entry here for a new top-level page; `roles` limits who sees it. */
export interface NavItem {
  key: string;
  href: string;
  roles: StaffRole[];
}

export const NAV_ITEMS: NavItem[] = [
  { key: 'inbox', href: '/console', roles: ['CASEWORKER', 'COORDINATOR'] },
  { key: 'citizens', href: '/console/citizens', roles: ['CASEWORKER', 'COORDINATOR'] },
  { key: 'settings', href: '/console/settings', roles: ['COORDINATOR'] },
  { key: 'staff', href: '/console/staff', roles: ['COORDINATOR'] },
  { key: 'dashboard', href: '/console/dashboard', roles: ['COORDINATOR'] },
  { key: 'audit', href: '/console/audit', roles: ['COORDINATOR'] },
  { key: 'privacy', href: '/console/data-requests', roles: ['COORDINATOR'] },
];

/** The hidden CSRF field every console form carries. */
export function CsrfField({ page }: { page: PageContext }): JSX.Element {
  return <input type="hidden" name="_csrf" value={page.csrfToken ?? ''} />;
}

function languageSwitchHref(page: PageContext): string {
  const other: Locale = page.locale === 'da' ? 'en' : 'da';
  return `/console/language?to=${other}&back=${encodeURIComponent(page.path)}`;
}

function Header({ page, current }: { page: PageContext; current?: string | undefined }): JSX.Element {
  const { t, staff } = page;
  const items = staff ? NAV_ITEMS.filter((item) => item.roles.includes(staff.role)) : [];
  return (
    <header class="header">
      <div class="solution-info">
        <div class="solution-info-inner container">
          <div class="solution-heading">
            <a href="/console">
              {t('layout.serviceName')} <span class="weight-normal">{t('layout.tagline')}</span>
            </a>
          </div>
          <div class="console-user">
            {staff && (
              <p class="m-0" safe>
                {t('layout.signedInAs', { name: staff.name })}, {t(`layout.role.${staff.role}`)}
              </p>
            )}
            <a href={languageSwitchHref(page)} lang={page.locale === 'da' ? 'en' : 'da'} aria-label={t('layout.otherLanguageLabel')}>
              {t('layout.otherLanguage')}
            </a>
            {staff && (
              <form method="post" action="/console/sign-out">
                <CsrfField page={page} />
                <button type="submit" class="button button-secondary">
                  {t('layout.signOut')}
                </button>
              </form>
            )}
          </div>
        </div>
      </div>
      {items.length > 0 && (
        <div class="navigation-menu">
          <div class="navigation-menu-inner container">
            <nav class="nav" aria-label={t('layout.mainMenu')}>
              <ul class="mainmenu">
                {items.map((item) => (
                  <li class={item.key === current ? 'active current' : undefined}>
                    <a href={item.href} class="nav-link" aria-current={item.key === current ? 'page' : undefined}>
                      <span>{t(`layout.nav.${item.key}`)}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </div>
      )}
    </header>
  );
}

/**
 * The page frame in the Danish design system: skip link, header with the service name, main menu by role,
 * sign-out, language switch, and one main landmark. `title` is plain text (escaped here).
 */
export function Layout(props: { page: PageContext; title: string; current?: string; children?: Children }): JSX.Element {
  const { page } = props;
  const hxHeaders = page.csrfToken ? JSON.stringify({ 'X-CSRF-Token': page.csrfToken }) : undefined;
  return (
    <html lang={page.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false}' />
        <title safe>{`${props.title} – ${page.t('layout.serviceName')}`}</title>
        <link rel="stylesheet" href={assetUrl('dkfds/css/dkfds-borgerdk.min.css')} />
        <link rel="stylesheet" href={assetUrl('console/console.css')} />
        <script src={assetUrl('htmx/htmx.min.js')} defer></script>
        <script src={assetUrl('console/console.js')} defer></script>
      </head>
      <body hx-headers={hxHeaders}>
        <a class="skipnav" href="#main-content">
          {page.t('layout.skipLink')}
        </a>
        <Header page={page} current={props.current} />
        <div class="container">
          <main id="main-content" tabindex="-1">
            {props.children}
          </main>
        </div>
      </body>
    </html>
  );
}
