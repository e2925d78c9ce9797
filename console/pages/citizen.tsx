import { DateTime } from 'luxon';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { assessmentBody, type CitizenActions } from '../../bot/admin/citizenActions.js';
import type { CitizenRecord, CitizenRecordService } from '../../bot/admin/citizenRecord.js';
import { pathId } from '../../bot/admin/jsonRoute.js';
import { replyBody } from '../../bot/admin/alertRoutes.js';
import { AppError } from '../../bot/errors.js';
import { describeDue } from '../../domain/dueWords.js';
import { letterView } from '../../domain/enrollmentLetter.js';
import { progressView } from '../../domain/progressView.js';
import { citizenTimeline } from '../../domain/timeline.js';
import { resolveLocale } from '../../locales/i18n.js';
import type { ConsoleGuard, StaffContext } from '../auth/guard.js';
import { BarriersSection, GoalsSection, ProgressSection, TimelineSection } from '../components/citizenSections.js';
import { ActionsSection, type FormState, NO_FORM_STATE, WriteForm } from '../components/citizenForms.js';
import { Layout, type PageContext } from '../components/layout.js';
import { queryOf, redirect, sendHtml } from '../http.js';
import { LetterPage, qrSvg } from './letter.js';

export interface CitizenPageDeps {
  guard: ConsoleGuard;
  records: CitizenRecordService;
  actions: CitizenActions;
  organisationName: string;
  /** The service's public address for the letter's link; else the address the console was reached at. */
  publicUrl: string | undefined;
  now: () => Date;
}

const DONE = ['messageSent', 'checkInScheduled', 'paused', 'resumed', 'silenceLifted', 'assessed'] as const;
type Done = (typeof DONE)[number];
const pageQuery = z.object({ done: z.enum(DONE).optional().catch(undefined) });
const checkInForm = z.object({ at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/) });
const remindersForm = z.object({ paused: z.enum(['true', 'false']) });

function Notice({ page, done, name }: { page: PageContext; done: Done | undefined; name: string }): JSX.Element {
  if (!done) return <></>;
  return (
    <div class="alert alert-success" role="status" tabindex="-1" data-autofocus>
      <div class="alert-body">
        <p class="alert-text" safe>
          {page.t(`citizen.done.${done}`, { name })}
        </p>
      </div>
    </div>
  );
}

function CitizenPage(props: { page: PageContext; record: CitizenRecord; now: Date; done?: Done | undefined; state: FormState }): JSX.Element {
  const { page, record, now } = props;
  const { t, locale } = page;
  const { citizen } = record;
  const context = { now, timeZone: record.timeZone, locale, t };
  const local = DateTime.fromJSDate(now, { zone: record.timeZone });
  const sections = [
    ['write-title', t('citizen.actions.write', { name: citizen.name })],
    ['goals-title', t('citizen.goals.title')],
    ['barriers-title', t('citizen.barriers.title')],
    ['progress-title', t('citizen.progress.title')],
    ['timeline-title', t('citizen.timeline.title')],
    ['actions-title', t('citizen.actions.title')],
  ];
  return (
    <Layout page={page} title={citizen.name} current="citizens">
      <h1 safe>{citizen.name}</h1>
      <ul class="nobullet-list citizen-facts">
        <li safe>{t('citizen.caseworker', { name: citizen.caseworkerName })}</li>
        {citizen.backupName && <li safe>{t('citizen.backup', { name: citizen.backupName })}</li>}
        <li>{t(citizen.chat === 'none' ? 'citizen.notEnrolled' : citizen.chat === 'reachable' ? 'citizen.reachable' : 'citizen.unreachable')}</li>
      </ul>
      <Notice page={page} done={props.done} name={citizen.name} />
      <nav aria-labelledby="on-this-page" class="on-this-page">
        <h2 id="on-this-page" class="h5">
          {t('citizen.onThisPage')}
        </h2>
        <ul class="nobullet-list">
          {sections.map(([id, label]) => (
            <li>
              <a href={`#${id}`} safe>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <WriteForm page={page} citizenId={citizen.id} citizenName={citizen.name} state={props.state} />
      <GoalsSection page={page} goals={record.goals} />
      <BarriersSection page={page} barriers={record.barriers} />
      <ProgressSection page={page} view={progressView(record.progress, context)} charts={record.charts} />
      <TimelineSection page={page} days={citizenTimeline(record.timeline, context)} />
      <ActionsSection
        page={page}
        citizenId={citizen.id}
        state={props.state}
        minCheckIn={local.toFormat("yyyy-LL-dd'T'HH:mm")}
        reminders={{ ...record.reminders, nextWords: record.reminders.nextAt ? describeDue(record.reminders.nextAt, now, record.timeZone, locale) : null }}
      />
    </Layout>
  );
}

/** One page per citizen: the whole story, and what the caseworker can do, each as a POST form with CSRF. */
export function registerCitizenPage(server: Server, deps: CitizenPageDeps): void {
  const { guard, records, actions } = deps;

  async function render(req: Request, res: Response, ctx: StaffContext, status: number, state: FormState, done?: Done): Promise<void> {
    const record = await records.load(ctx.principal, pathId(req), ctx.page.locale);
    sendHtml(res, status, await (<CitizenPage page={ctx.page} record={record} now={deps.now()} done={done} state={state} />));
  }

  /** A refused form: the page again (400) with the error next to the field and what was typed kept. */
  function refused(req: Request, res: Response, ctx: StaffContext, field: keyof FormState['errors'], key: string): Promise<void> {
    return render(req, res, ctx, 400, { errors: { [field]: ctx.page.t(`citizen.errors.${key}`) }, values: ctx.form });
  }

  const done = (req: Request, res: Response, what: Done) => redirect(res, `/console/citizens/${pathId(req)}?done=${what}#main-content`);

  server.get('/console/citizens/:id', guard.requireStaff()(async (req, res, ctx) => {
    await render(req, res, ctx, 200, NO_FORM_STATE, pageQuery.parse(queryOf(req)).done);
  }));

  server.post('/console/citizens/:id/message', guard.requireStaff()(async (req, res, ctx) => {
    const parsed = replyBody.safeParse(ctx.form);
    if (!parsed.success) return refused(req, res, ctx, 'text', 'text');
    try {
      await actions.write(ctx.principal, pathId(req), parsed.data.text);
    } catch (error) {
      if (error instanceof AppError && error.details?.text === 'notReachable') return refused(req, res, ctx, 'text', 'notReachable');
      throw error;
    }
    done(req, res, 'messageSent');
  }));

  server.post('/console/citizens/:id/check-in', guard.requireStaff()(async (req, res, ctx) => {
    const parsed = checkInForm.safeParse(ctx.form);
    if (!parsed.success) return refused(req, res, ctx, 'at', 'at');
    try {
      await actions.scheduleCheckIn(ctx.principal, pathId(req), parsed.data.at);
    } catch (error) {
      if (error instanceof AppError && error.details?.at) return refused(req, res, ctx, 'at', 'at');
      throw error;
    }
    done(req, res, 'checkInScheduled');
  }));

  server.post('/console/citizens/:id/reminders', guard.requireStaff()(async (req, res, ctx) => {
    const parsed = remindersForm.safeParse(ctx.form);
    if (!parsed.success) throw new AppError('BAD_REQUEST');
    const paused = parsed.data.paused === 'true';
    await actions.setPaused(ctx.principal, pathId(req), paused);
    done(req, res, paused ? 'paused' : 'resumed');
  }));

  server.post('/console/citizens/:id/silence', guard.requireStaff()(async (req, res, ctx) => {
    await actions.liftSilence(ctx.principal, pathId(req));
    done(req, res, 'silenceLifted');
  }));

  server.post('/console/citizens/:id/assessment', guard.requireStaff()(async (req, res, ctx) => {
    const parsed = assessmentBody.safeParse(ctx.form);
    if (!parsed.success) {
      const field = parsed.error.issues.some((issue) => issue.path[0] === 'note') ? 'note' : 'score';
      return refused(req, res, ctx, field, field);
    }
    await actions.assess(ctx.principal, pathId(req), parsed.data);
    done(req, res, 'assessed');
  }));

  // The code exists only in this answer (only its hash is stored), so the letter is the POST's own page, not a redirect.
  server.post('/console/citizens/:id/letter', guard.requireStaff()(async (req, res, ctx) => {
    const issued = await actions.issueCode(ctx.principal, pathId(req));
    const locale = resolveLocale(issued.locale);
    const baseUrl = deps.publicUrl ?? `${guard.isHttps(req) ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
    const view = letterView({ ...issued, organisationName: deps.organisationName }, { baseUrl, timeZone: issued.timeZone, locale });
    const qr = await qrSvg(view.link);
    sendHtml(res, 200, await (<LetterPage page={ctx.page} view={view} qr={qr} citizenPath={`/console/citizens/${pathId(req)}`} locale={locale} />));
  }));
}
