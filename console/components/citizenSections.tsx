import { describeDate } from '../../domain/dueWords.js';
import type { ProgressView } from '../../domain/progressView.js';
import type { TimelineDay } from '../../domain/timeline.js';
import type { BarrierView, GoalView } from '../../dialogs/services.js';
import type { PageContext } from './layout.js';

/** A chart drawn on the server, with its numbers as a table: the table is the chart's text alternative. */
export function ChartWithTable(props: {
  id: string;
  title: string;
  png: string | null;
  alt: string;
  caption: string;
  columns: string[];
  rows: string[][];
}): JSX.Element {
  return (
    <figure class="chart" aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`} safe>
        {props.title}
      </h3>
      {props.png && <img class="chart-image" src={`data:image/png;base64,${props.png}`} alt={props.alt} />}
      <table class="table table--compact chart-table">
        <caption safe>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col" safe>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map(([first, ...rest]) => (
            <tr>
              <th scope="row" safe>
                {first}
              </th>
              {rest.map((cell) => (
                <td safe>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export function GoalsSection({ page, goals }: { page: PageContext; goals: GoalView[] }): JSX.Element {
  const { t } = page;
  return (
    <section aria-labelledby="goals-title" class="citizen-section">
      <h2 id="goals-title">{t('citizen.goals.title')}</h2>
      {goals.length === 0 && <p>{t('citizen.goals.empty')}</p>}
      <ul class="nobullet-list goal-list">
        {goals.map((goal) => (
          <li>
            <h3 class="goal-text" safe>
              {goal.text}
            </h3>
            {goal.steps.length === 0 ? (
              <p class="form-hint">{t('citizen.goals.noSteps')}</p>
            ) : (
              <ul class="nobullet-list step-list">
                {goal.steps.map((step) => (
                  <li class={`step step-${step.status.toLowerCase()}`}>
                    <span safe>{step.text}</span>{' '}
                    <span class="badge" safe>
                      {t(`citizen.goals.status.${step.status}`)}
                    </span>
                    {step.dueDate && step.status === 'OPEN' && (
                      <span class="form-hint" safe>
                        {` ${t('citizen.goals.due', { date: describeDate(step.dueDate, page.locale) })}`}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function BarriersSection({ page, barriers }: { page: PageContext; barriers: BarrierView[] }): JSX.Element {
  const { t } = page;
  return (
    <section aria-labelledby="barriers-title" class="citizen-section">
      <h2 id="barriers-title">{t('citizen.barriers.title')}</h2>
      {barriers.length === 0 ? (
        <p>{t('citizen.barriers.empty')}</p>
      ) : (
        <>
          <p>{t('citizen.barriers.intro')}</p>
          <ol class="nobullet-list barrier-list">
            {barriers.map((barrier) => (
              <li class="barrier">
                <p class="barrier-name">
                  <span class="badge" safe>
                    {barrier.rank ? t('citizen.barriers.rank', { rank: barrier.rank }) : t('citizen.barriers.unranked')}
                  </span>{' '}
                  <strong safe>{barrier.key === 'other' && barrier.otherText ? barrier.otherText : t(`translation:barriers.catalogue.${barrier.key}`)}</strong>
                </p>
                {barrier.whatWouldHelp ? (
                  <p class="m-0">
                    {t('citizen.barriers.help')} <q safe>{barrier.whatWouldHelp}</q>
                  </p>
                ) : (
                  <p class="form-hint m-0">{t('citizen.barriers.noHelp')}</p>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

export function ProgressSection({ page, view, charts }: { page: PageContext; view: ProgressView; charts: { radar: string | null; trend: string | null; hours: string | null } }): JSX.Element {
  const { t } = page;
  const latest = view.latestDate ? t('citizen.progress.latest', { date: view.latestDate }) : t('citizen.progress.latestPlain');
  const previous = view.previousDate ? t('citizen.progress.previous', { date: view.previousDate }) : t('citizen.progress.previousPlain');
  return (
    <section aria-labelledby="progress-title" class="citizen-section">
      <h2 id="progress-title">{t('citizen.progress.title')}</h2>
      {!view.hasCheckIns && <p>{t('citizen.progress.empty')}</p>}
      <div class="progress-grid">
        {view.hasCheckIns && (
          <ChartWithTable
            id="radar"
            title={t('citizen.progress.radarTitle')}
            png={charts.radar}
            alt={t('citizen.progress.radarAlt')}
            caption={t('citizen.progress.radarCaption')}
            columns={[t('citizen.progress.factor'), latest, previous, t('citizen.progress.change')]}
            rows={view.factors.map((row) => [row.label, row.latest, row.previous, row.change])}
          />
        )}
        <div class="factor-f" aria-labelledby="factor-f-title">
          <h3 id="factor-f-title">{t('citizen.progress.fTitle')}</h3>
          {view.assessment ? (
            <>
              <p class="factor-f-score" safe>
                {view.assessment.scoreWords}
              </p>
              {view.assessment.note && <blockquote safe>{view.assessment.note}</blockquote>}
              <p class="form-hint" safe>
                {view.assessment.byWords}
              </p>
            </>
          ) : (
            <p>{t('citizen.progress.fNone')}</p>
          )}
        </div>
      </div>
      {view.trend.rows.length > 1 && (
        <ChartWithTable
          id="trend"
          title={t('citizen.progress.trendTitle')}
          png={charts.trend}
          alt={t('citizen.progress.trendAlt')}
          caption={t('citizen.progress.trendCaption')}
          columns={[t('citizen.progress.date'), ...view.trend.columns]}
          rows={view.trend.rows.map((row) => [row.date, ...row.values])}
        />
      )}
      {view.hours.length > 0 ? (
        <ChartWithTable
          id="hours"
          title={t('citizen.progress.hoursTitle')}
          png={charts.hours}
          alt={t('citizen.progress.hoursAlt')}
          caption={t('citizen.progress.hoursCaption')}
          columns={[t('citizen.progress.weekColumn'), t('citizen.progress.hoursColumn')]}
          rows={view.hours.map((week) => [week.week, week.hours])}
        />
      ) : (
        view.hasCheckIns && <p>{t('citizen.progress.hoursEmpty')}</p>
      )}
    </section>
  );
}

export function TimelineSection({ page, days }: { page: PageContext; days: TimelineDay[] }): JSX.Element {
  const { t } = page;
  return (
    <section aria-labelledby="timeline-title" class="citizen-section">
      <h2 id="timeline-title">{t('citizen.timeline.title')}</h2>
      {days.length === 0 && <p>{t('citizen.timeline.empty')}</p>}
      {days.map((day) => (
        <>
          <h3 class="timeline-day" safe>
            {day.dayWords}
          </h3>
          <ol class="nobullet-list timeline">
            {day.entries.map((entry) => (
              <li class={`timeline-entry timeline-${entry.category}`}>
                <time datetime={entry.atIso} safe>
                  {entry.timeWords}
                </time>{' '}
                <span class="timeline-category" safe>
                  {t(`citizen.timeline.category.${entry.category}`)}
                </span>
                <p class="m-0" safe>
                  {entry.text}
                </p>
                {entry.quote && <blockquote safe>{entry.quote}</blockquote>}
              </li>
            ))}
          </ol>
        </>
      ))}
    </section>
  );
}
