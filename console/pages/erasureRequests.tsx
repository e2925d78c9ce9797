import type { Server } from 'restify';
import { z } from 'zod';
import { pathId } from '../../bot/admin/jsonRoute.js';
import { AppError } from '../../bot/errors.js';
import { type RequestView, requestViews } from '../../domain/privacy/consoleViews.js';
import { decisionSchema } from '../../domain/privacy/dataRequests.js';
import type { ConsoleGuard, StaffContext } from '../auth/guard.js';
import { CsrfField, Layout, type PageContext } from '../components/layout.js';
import { queryOf, redirect, sendHtml } from '../http.js';
import type { PrivacyConsoleServices } from './privacyServices.js';

export interface ErasureRequestsDeps {
  guard: ConsoleGuard;
  privacy: PrivacyConsoleServices;
}

const pageQuery = z.object({ done: z.enum(['approved', 'refused']).optional().catch(undefined) });

/** A refusal without a reason, shown next to the field of the request it belongs to. */
interface FormError {
  requestId: string;
  reason: string;
}

function DecisionForm({ page, view, error }: { page: PageContext; view: RequestView; error: FormError | undefined }): JSX.Element {
  const { t } = page;
  const id = `r-${view.id}`;
  const invalid = error?.requestId === view.id;
  return (
    <form method="post" action={`/console/data-requests/${view.id}`} class="privacy-decision">
      <CsrfField page={page} />
      <fieldset>
        <legend class="form-label">{t('privacyPages.requests.decision')}</legend>
        <div class="form-group-radio">
          <input type="radio" class="form-radio" id={`${id}-approve`} name="decision" value="approve" checked={!invalid} />
          <label for={`${id}-approve`}>{t('privacyPages.requests.approve')}</label>
        </div>
        <div class="form-group-radio">
          <input type="radio" class="form-radio" id={`${id}-refuse`} name="decision" value="refuse" checked={invalid} />
          <label for={`${id}-refuse`}>{t('privacyPages.requests.refuse')}</label>
        </div>
      </fieldset>
      <div class={invalid ? 'form-group form-error' : 'form-group'}>
        <label class="form-label" for={`${id}-reason`}>
          {t('privacyPages.requests.reason')}
        </label>
        <span class="form-hint" id={`${id}-hint`}>
          {t('privacyPages.requests.reasonHint')}
        </span>
        {invalid && (
          <span class="form-error-message" id={`${id}-error`} safe>
            {error?.reason}
          </span>
        )}
        <textarea class="form-input" id={`${id}-reason`} name="reason" rows="3" aria-describedby={invalid ? `${id}-hint ${id}-error` : `${id}-hint`}></textarea>
      </div>
      {view.isErasure && <p class="form-hint">{t('privacyPages.requests.eraseWarning')}</p>}
      <button type="submit" class="button button-primary">
        {t('privacyPages.requests.decide')}
      </button>
    </form>
  );
}

function RequestsPage({ page, views, done, error }: { page: PageContext; views: RequestView[]; done?: string | undefined; error?: FormError | undefined }): JSX.Element {
  const { t } = page;
  const pending = views.filter((view) => view.pending);
  const decided = views.filter((view) => !view.pending);
  return (
    <Layout page={page} title={t('privacyPages.requests.title')} current="privacy">
      <h1>{t('privacyPages.requests.title')}</h1>
      {done && (
        <div class="alert alert-success" role="status">
          <div class="alert-body">
            <p class="alert-text">{t(`privacyPages.requests.done.${done}`)}</p>
          </div>
        </div>
      )}
      <p>{t('privacyPages.requests.intro')}</p>
      <p>
        <a href="/console/access-log">{t('privacyPages.requests.accessLogLink')}</a>
      </p>
      <h2>{t('privacyPages.requests.pending')}</h2>
      {pending.length === 0 ? (
        <p>{t('privacyPages.requests.none')}</p>
      ) : (
        <ul class="nobullet-list privacy-requests">
          {pending.map((view) => (
            <li class="privacy-request">
              <h3 safe>{`${view.kind}: ${view.citizen}`}</h3>
              <p safe>{view.received}</p>
              <DecisionForm page={page} view={view} error={error} />
            </li>
          ))}
        </ul>
      )}
      <h2>{t('privacyPages.requests.decided')}</h2>
      {decided.length === 0 ? (
        <p>{t('privacyPages.requests.noneDecided')}</p>
      ) : (
        <table class="table table--zebra table--responsive-headers">
          <thead>
            <tr>
              <th scope="col">{t('privacyPages.accessLog.citizen')}</th>
              <th scope="col">{t('privacyPages.accessLog.categoryLabel')}</th>
              <th scope="col">{t('privacyPages.requests.decision')}</th>
              <th scope="col">{t('privacyPages.requests.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {decided.map((view) => (
              <tr>
                <td data-title={t('privacyPages.accessLog.citizen')} safe>{view.citizen}</td>
                <td data-title={t('privacyPages.accessLog.categoryLabel')} safe>{view.kind}</td>
                <td data-title={t('privacyPages.requests.decision')} safe>{`${view.status}, ${view.decided}`}</td>
                <td data-title={t('privacyPages.requests.reason')} safe>{view.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** Coordinators decide citizens' requests for erasure and restriction (GDPR Art. 17/18). */
export function registerErasureRequestsPage(server: Server, deps: ErasureRequestsDeps): void {
  const { guard, privacy } = deps;

  const render = async (ctx: StaffContext, status: number, options: { done?: string | undefined; error?: FormError }) => {
    const [requests, timeZone] = await Promise.all([privacy.requests.list(ctx.principal, undefined), privacy.timeZoneOf(ctx.principal.organisationId)]);
    const views = requestViews(requests, ctx.page.locale, timeZone, ctx.page.t);
    return { status, html: await (<RequestsPage page={ctx.page} views={views} done={options.done} error={options.error} />) };
  };

  server.get('/console/data-requests', guard.requireStaff('COORDINATOR')(async (req, res, ctx) => {
    const { done } = pageQuery.parse(queryOf(req));
    const page = await render(ctx, 200, { done });
    sendHtml(res, page.status, page.html);
  }));

  server.post('/console/data-requests/:id', guard.requireStaff('COORDINATOR')(async (req, res, ctx) => {
    const requestId = pathId(req);
    const input = decisionSchema.safeParse({ decision: ctx.form.decision, reason: ctx.form.reason || undefined });
    if (!input.success) {
      const page = await render(ctx, 400, { error: { requestId, reason: ctx.page.t('privacyPages.requests.reasonRequired') } });
      sendHtml(res, page.status, page.html);
      return;
    }
    try {
      await privacy.requests.decide(ctx.principal, requestId, input.data);
    } catch (error) {
      // Decided meanwhile (another coordinator, another tab): show the list as it is now.
      if (!(error instanceof AppError) || error.code !== 'BAD_REQUEST') throw error;
    }
    redirect(res, `/console/data-requests?done=${input.data.decision === 'approve' ? 'approved' : 'refused'}`);
  }));
}
