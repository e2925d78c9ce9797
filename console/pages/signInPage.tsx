import { Layout, type PageContext } from '../components/layout.js';

export type SignInNotice = 'linkUsed' | 'failed' | 'signedOut' | 'expired';

/** Where a signed-out person lands: the work-account button (OIDC), or in local mode a pointer to the printed link. */
export function SignInPage(props: { page: PageContext; organisation: string; oidcHref?: string | undefined; notice?: SignInNotice | undefined }): JSX.Element {
  const { t } = props.page;
  return (
    <Layout page={props.page} title={t('signIn.title')}>
      <h1>{t('signIn.title')}</h1>
      {props.notice && (
        <div class={`alert ${props.notice === 'signedOut' ? 'alert-success' : 'alert-warning'}`} role="status">
          <div class="alert-body">
            <p class="alert-text">{t(`signIn.${props.notice}`)}</p>
          </div>
        </div>
      )}
      <p safe>{t('signIn.intro', { organisation: props.organisation })}</p>
      {props.oidcHref ? (
        <p>
          <a class="button button-primary" href={props.oidcHref}>
            {t('signIn.withMicrosoft')}
          </a>
        </p>
      ) : (
        <p>{t('signIn.localHint')}</p>
      )}
    </Layout>
  );
}

/** A person Microsoft knows but Ledsager does not: a clear refusal, with what to do. */
export function UnknownAccountPage({ page }: { page: PageContext }): JSX.Element {
  const { t } = page;
  return (
    <Layout page={page} title={t('signIn.unknownTitle')}>
      <h1>{t('signIn.unknownTitle')}</h1>
      <p>{t('signIn.unknownBody')}</p>
    </Layout>
  );
}
