import type { AlertView } from '../../domain/alertView.js';
import { CsrfField, type PageContext } from './layout.js';

export interface AlertRowProps {
  page: PageContext;
  view: AlertView;
  /** Where the action forms come back to (the current list with its filters). */
  back: string;
  /** Shown next to the reply field (the reply form is then open). */
  replyError?: string | undefined;
}

function ActionForm(props: { page: PageContext; action: string; back: string; label: string; id: string; describedBy: string }): JSX.Element {
  return (
    <form method="post" action={props.action}>
      <CsrfField page={props.page} />
      <input type="hidden" name="back" value={props.back} />
      <button type="submit" class="button button-secondary" id={props.id} aria-describedby={props.describedBy}>
        {props.label}
      </button>
    </form>
  );
}

/**
 * One alert with what to do about it: what happened, the citizen's words, the deadline in words and colour,
 * and acknowledge / reply / resolve as plain forms (keyboard and no-JavaScript friendly).
 */
export function AlertRow({ page, view, back, replyError }: AlertRowProps): JSX.Element {
  const { t } = page;
  const titleId = `alert-${view.id}-title`;
  const replyId = `reply-${view.id}`;
  const base = `/console/alerts/${view.id}`;
  return (
    <li class={`alert-row tone-${view.tone}`} id={`alert-${view.id}`}>
      <h2 id={titleId} safe>
        {view.title}
      </h2>
      <ul class="alert-meta nobullet-list">
        <li>
          <strong class="time-left" safe>
            {view.timeLeftWords}
          </strong>
        </li>
        <li safe>{t('inbox.due', { when: view.dueWords })}</li>
        <li>
          <span class="badge" safe>
            {view.statusWords}
          </span>
        </li>
        {view.escalatedToViewer && (
          <li>
            <span class="badge badge-warning">{t('inbox.escalatedToMe')}</span>
          </li>
        )}
      </ul>
      {view.citizenText && (
        <figure class="m-0">
          <figcaption class="sr-only">{t('inbox.citizenWords')}</figcaption>
          <blockquote safe>{view.citizenText}</blockquote>
        </figure>
      )}
      <dl class="alert-facts">
        {view.facts.map((fact) => (
          <>
            <dt safe>{fact.label}</dt>
            <dd safe>{fact.value}</dd>
          </>
        ))}
      </dl>
      <div class="alert-actions">
        {view.status === 'OPEN' && (
          <ActionForm page={page} action={`${base}/acknowledge`} back={back} label={t('inbox.acknowledge')} id={`ack-${view.id}`} describedBy={titleId} />
        )}
        <ActionForm page={page} action={`${base}/resolve`} back={back} label={t('inbox.resolve')} id={`resolve-${view.id}`} describedBy={titleId} />
        <a href={view.citizenPath} class="button button-tertiary" safe>
          {t('inbox.openCitizen', { citizen: view.citizenName })}
        </a>
        <details class="details" open={replyError !== undefined}>
          <summary class="details-summary" id={`summary-${view.id}`} safe>
            {t('inbox.reply', { citizen: view.citizenName })}
          </summary>
          <div class="details-text">
            <form method="post" action={`${base}/reply`}>
              <CsrfField page={page} />
              <input type="hidden" name="back" value={back} />
              <div class={replyError ? 'form-group form-error' : 'form-group'}>
                <label class="form-label" for={replyId} safe>
                  {t('inbox.replyLabel', { citizen: view.citizenName })}
                </label>
                <span class="form-hint" id={`${replyId}-hint`}>
                  {t('inbox.replyHint')}
                </span>
                {replyError && (
                  <span class="form-error-message" id={`${replyId}-error`} safe>
                    {replyError}
                  </span>
                )}
                <textarea
                  class="form-input"
                  id={replyId}
                  name="text"
                  rows="4"
                  maxlength="2000"
                  aria-describedby={replyError ? `${replyId}-hint ${replyId}-error` : `${replyId}-hint`}
                  aria-invalid={replyError ? 'true' : undefined}
                ></textarea>
              </div>
              <button type="submit" class="button button-primary" id={`send-${view.id}`}>
                {t('inbox.send')}
              </button>
            </form>
          </div>
        </details>
      </div>
    </li>
  );
}
