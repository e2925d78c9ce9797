import { Layout, type PageContext } from '../components/layout.js';

export type ErrorKind = 'forbidden' | 'notFound' | 'badRequest' | 'csrf' | 'internal';

export const ERROR_STATUS: Record<ErrorKind, number> = { forbidden: 403, notFound: 404, badRequest: 400, csrf: 403, internal: 500 };

/** The one page for every refusal and failure: says what happened in plain words, never why in technical terms. */
export function ErrorPage({ page, kind }: { page: PageContext; kind: ErrorKind }): JSX.Element {
  const { t } = page;
  return (
    <Layout page={page} title={t(`errors.${kind}.title`)}>
      <h1>{t(`errors.${kind}.title`)}</h1>
      <p>{t(`errors.${kind}.body`)}</p>
      {page.staff && (
        <p>
          <a href="/console">{t('errors.backToInbox')}</a>
        </p>
      )}
    </Layout>
  );
}
