import { CsrfField, type PageContext } from './layout.js';

/** Field errors and what was typed, to show a refused form again with the words kept. */
export interface FormState {
  errors: Partial<Record<'text' | 'at' | 'score' | 'note', string>>;
  values: Record<string, string>;
}

export const NO_FORM_STATE: FormState = { errors: {}, values: {} };

/** A form field's error, announced with the field (aria-describedby) and shown next to it. */
function FieldError({ id, message }: { id: string; message: string | undefined }): JSX.Element {
  return message ? (
    <span class="form-error-message" id={id} safe>
      {message}
    </span>
  ) : (
    <></>
  );
}

function group(error: string | undefined): string {
  return error ? 'form-group form-error' : 'form-group';
}

export function WriteForm({ page, citizenId, citizenName, state }: { page: PageContext; citizenId: string; citizenName: string; state: FormState }): JSX.Element {
  const { t } = page;
  const error = state.errors.text;
  return (
    <form method="post" action={`/console/citizens/${citizenId}/message`} class="citizen-write" aria-labelledby="write-title">
      <CsrfField page={page} />
      <h2 id="write-title" safe>
        {t('citizen.actions.write', { name: citizenName })}
      </h2>
      <div class={group(error)}>
        <label class="form-label" for="write-text" safe>
          {t('citizen.actions.write', { name: citizenName })}
        </label>
        <span class="form-hint" id="write-hint">
          {t('citizen.actions.writeHint')}
        </span>
        <FieldError id="write-error" message={error} />
        <textarea class="form-input" id="write-text" name="text" rows="4" maxlength="2000" aria-describedby={error ? 'write-hint write-error' : 'write-hint'} safe>
          {state.values.text ?? ''}
        </textarea>
      </div>
      <button type="submit" class="button button-primary">
        {t('citizen.actions.writeSend')}
      </button>
    </form>
  );
}

function PostButton({ page, action, label, primary }: { page: PageContext; action: string; label: string; primary?: boolean }): JSX.Element {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField page={page} />
      <button type="submit" class={primary ? 'button button-primary' : 'button button-secondary'}>
        {label}
      </button>
    </form>
  );
}

export interface ReminderState {
  paused: boolean;
  silenced: boolean;
  /** "i morgen kl. 10:00", when one is planned. */
  nextWords: string | null;
}

export function ActionsSection(props: { page: PageContext; citizenId: string; reminders: ReminderState; state: FormState; minCheckIn: string }): JSX.Element {
  const { page, citizenId, reminders, state } = props;
  const { t } = page;
  const base = `/console/citizens/${citizenId}`;
  const atError = state.errors.at;
  const scoreError = state.errors.score;
  const noteError = state.errors.note;
  return (
    <section aria-labelledby="actions-title" class="citizen-section">
      <h2 id="actions-title">{t('citizen.actions.title')}</h2>

      <h3>{t('citizen.actions.reminders')}</h3>
      <p>
        {t(reminders.paused ? 'citizen.actions.remindersPaused' : reminders.silenced ? 'citizen.actions.remindersSilenced' : 'citizen.actions.remindersRunning')}
        {reminders.nextWords && !reminders.paused && (
          <span safe>{` ${t('citizen.actions.nextReminder', { when: reminders.nextWords })}`}</span>
        )}
      </p>
      <div class="action-buttons">
        {reminders.silenced && <PostButton page={page} action={`${base}/silence`} label={t('citizen.actions.liftSilence')} primary />}
        <form method="post" action={`${base}/reminders`} class="inline-form">
          <CsrfField page={page} />
          <input type="hidden" name="paused" value={reminders.paused ? 'false' : 'true'} />
          <button type="submit" class="button button-secondary">
            {t(reminders.paused ? 'citizen.actions.resume' : 'citizen.actions.pause')}
          </button>
        </form>
      </div>

      <form method="post" action={`${base}/check-in`} aria-labelledby="checkin-title">
        <CsrfField page={page} />
        <h3 id="checkin-title">{t('citizen.actions.checkIn')}</h3>
        <div class={group(atError)}>
          <label class="form-label" for="checkin-at">
            {t('citizen.actions.checkInAt')}
          </label>
          <span class="form-hint" id="checkin-hint">
            {t('citizen.actions.checkInHint')}
          </span>
          <FieldError id="checkin-error" message={atError} />
          <input
            class="form-input input-width-l"
            type="datetime-local"
            id="checkin-at"
            name="at"
            required
            min={props.minCheckIn}
            value={state.values.at ?? ''}
            aria-describedby={atError ? 'checkin-hint checkin-error' : 'checkin-hint'}
          />
        </div>
        <button type="submit" class="button button-secondary">
          {t('citizen.actions.checkInSend')}
        </button>
      </form>

      <form method="post" action={`${base}/assessment`} aria-labelledby="assess-title">
        <CsrfField page={page} />
        <h3 id="assess-title">{t('citizen.actions.assess')}</h3>
        <fieldset class={group(scoreError)} aria-describedby={scoreError ? 'assess-hint assess-error' : 'assess-hint'}>
          <legend class="form-label">{t('citizen.actions.score')}</legend>
          <span class="form-hint" id="assess-hint">
            {t('citizen.actions.assessHint')}
          </span>
          <FieldError id="assess-error" message={scoreError} />
          <ul class="nobullet-list score-options">
            {['1', '2', '3', '4', '5'].map((score) => (
              <li>
                <input class="form-radio radio-large" type="radio" id={`score-${score}`} name="score" value={score} checked={state.values.score === score} />
                <label for={`score-${score}`}>{t(`citizen.actions.scoreOption.${score}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div class={group(noteError)}>
          <label class="form-label" for="assess-note">
            {t('citizen.actions.note')}
          </label>
          <FieldError id="note-error" message={noteError} />
          <textarea class="form-input" id="assess-note" name="note" rows="3" maxlength="2000" aria-describedby={noteError ? 'note-error' : undefined} safe>
            {state.values.note ?? ''}
          </textarea>
        </div>
        <button type="submit" class="button button-secondary">
          {t('citizen.actions.assessSend')}
        </button>
      </form>

      <form method="post" action={`${base}/letter`} aria-labelledby="code-title">
        <CsrfField page={page} />
        <h3 id="code-title">{t('citizen.actions.code')}</h3>
        <p>{t('citizen.actions.codeHint')}</p>
        <button type="submit" class="button button-secondary">
          {t('citizen.actions.codeSend')}
        </button>
      </form>
    </section>
  );
}
