import type { Server } from 'restify';
import { z } from 'zod';
import { pathId, reasonOf } from '../../bot/admin/jsonRoute.js';
import { DOCUMENT_HEADERS } from '../../bot/privacy/privacyRoutes.js';
import { recordRequestSchema } from '../../domain/privacy/dataRequests.js';
import type { ConsoleGuard } from '../auth/guard.js';
import { CsrfField, Layout, type PageContext } from '../components/layout.js';
import { queryOf, redirect, sendHtml } from '../http.js';
import type { PrivacyConsoleServices } from './privacyServices.js';

export interface CitizenDataRightsDeps {
  guard: ConsoleGuard;
  privacy: PrivacyConsoleServices;
}

const pageQuery = z.object({ done: z.enum(['recorded']).optional().catch(undefined) });

function DataRightsPage({ page, citizen, done, kindError }: { page: PageContext; citizen: { id: string; displayName: string }; done?: boolean; kindError?: boolean }): JSX.Element {
  const { t } = page;
  const title = t('privacyPages.dataRights.title', { name: citizen.displayName });
  return (
    <Layout page={page} title={title} current="citizens">
      <h1 safe>{title}</h1>
      {done && (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-text">{t('privacyPages.dataRights.recorded')}</p>
          </div>
        </div>
      )}
      <h2>{t('privacyPages.dataRights.exportHeading')}</h2>
      <p>{t('privacyPages.dataRights.exportText')}</p>
      <p>
        <a class="button button-secondary" href={`/console/citizens/${citizen.id}/data/export`}>
          {t('privacyPages.dataRights.exportButton')}
        </a>
      </p>
      <h2>{t('privacyPages.dataRights.recordHeading')}</h2>
      <p>{t('privacyPages.dataRights.recordText')}</p>
      <form method="post" action={`/console/citizens/${citizen.id}/data-requests`}>
        <CsrfField page={page} />
        <fieldset class={kindError ? 'form-error' : undefined} aria-describedby={kindError ? 'kind-error' : undefined}>
          <legend class="form-label">{t('privacyPages.dataRights.kindLegend')}</legend>
          {kindError && (
            <span class="form-error-message" id="kind-error">
              {t('privacyPages.dataRights.kindRequired')}
            </span>
          )}
          {(['ERASURE', 'RESTRICTION'] as const).map((kind) => (
            <div class="form-group-radio">
              <input type="radio" class="form-radio" id={`kind-${kind}`} name="kind" value={kind} />
              <label for={`kind-${kind}`}>{t(`privacyPages.requests.kind.${kind}`)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button button-primary">
          {t('privacyPages.dataRights.record')}
        </button>
      </form>
    </Layout>
  );
}

/**
 * One citizen's data rights for their caseworker: the same export the citizen gets (on the citizen's request,
 * access-logged), and recording a request for erasure or restriction made outside the chat.
 */
export function registerCitizenDataRightsPage(server: Server, deps: CitizenDataRightsDeps): void {
  const { guard, privacy } = deps;

  server.get('/console/citizens/:id/data', guard.requireStaff()(async (req, res, ctx) => {
    const citizen = await privacy.citizenFor(ctx.principal, pathId(req));
    const { done } = pageQuery.parse(queryOf(req));
    sendHtml(res, 200, await (<DataRightsPage page={ctx.page} citizen={citizen} done={done === 'recorded'} />));
  }));

  server.get('/console/citizens/:id/data/export', guard.requireStaff()(async (req, res, ctx) => {
    const citizen = await privacy.citizenFor(ctx.principal, pathId(req));
    const rendered = await privacy.exports.forStaff(ctx.principal, citizen.id, reasonOf(req));
    res.writeHead(200, DOCUMENT_HEADERS);
    res.end(rendered.html);
  }));

  server.post('/console/citizens/:id/data-requests', guard.requireStaff()(async (req, res, ctx) => {
    const citizen = await privacy.citizenFor(ctx.principal, pathId(req));
    const input = recordRequestSchema.safeParse({ kind: ctx.form.kind });
    if (!input.success) {
      sendHtml(res, 400, await (<DataRightsPage page={ctx.page} citizen={citizen} kindError />));
      return;
    }
    await privacy.requests.record(citizen.id, input.data.kind, 'caseworker', ctx.principal.staffId);
    redirect(res, `/console/citizens/${citizen.id}/data?done=recorded`);
  }));
}
