import QRCode from 'qrcode';
import type { LetterView } from '../../domain/enrollmentLetter.js';
import { consoleTranslator, type Locale } from '../../locales/i18n.js';
import { Layout, type PageContext } from '../components/layout.js';

/** The QR code of the chat link as inline SVG: it prints sharp, and needs no image request. */
export function qrSvg(link: string): Promise<string> {
  return QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * One citizen's letter, in the citizen's language (Danish unless they chose English); several can follow each other in
 * one printable document (`index` keeps their ids apart), each on its own sheet.
 */
export function Letter({ view, qr, locale, index = 0 }: { view: LetterView; qr: string; locale: Locale; index?: number }): JSX.Element {
  const lt = consoleTranslator(locale);
  const headingId = index === 0 ? 'letter-heading' : `letter-heading-${index}`;
  return (
    <article class="letter" lang={locale} aria-labelledby={headingId}>
      <p class="letter-from" safe>
        {lt('letter.from', { organisation: view.organisationName })}
      </p>
      <h1 id={headingId}>{lt('letter.heading')}</h1>
      <p safe>{lt('letter.greeting', { name: view.citizenName })}</p>
      <p safe>{lt('letter.intro', { caseworker: view.caseworkerName })}</p>
      <div class="letter-start">
        <div class="letter-qr" role="img" aria-label={lt('letter.qrAlt')}>
          {qr}
        </div>
        <div>
          <h2>{lt('letter.stepsTitle')}</h2>
          <ol>
            <li>{lt('letter.step1')}</li>
            <li>{lt('letter.step2')}</li>
            <li>{lt('letter.step3')}</li>
          </ol>
        </div>
      </div>
      <dl class="letter-facts">
        <dt>{lt('letter.address')}</dt>
        <dd>
          <a href={view.link} class="letter-link" safe>
            {view.link}
          </a>
        </dd>
        <dt>{lt('letter.code')}</dt>
        <dd>
          <span class="letter-code" safe>
            {view.code}
          </span>
          <span class="letter-hint">{lt('letter.codeHint')}</span>
        </dd>
      </dl>
      <p safe>{lt('letter.expires', { date: view.expiresWords })}</p>
      <h2>{lt('letter.helpTitle')}</h2>
      <p safe>{lt('letter.help', { caseworker: view.caseworkerName })}</p>
      <p>
        <strong>{lt('letter.safety')}</strong>
      </p>
      <p>{lt('letter.privacy')}</p>
    </article>
  );
}

/**
 * The printable one-page letter for a citizen: plain Danish, the code, a QR code of the chat link, how to get help.
 * On screen it has a print button and a way back; on paper only the letter (print CSS in console.css).
 */
export function LetterPage(props: { page: PageContext; view: LetterView; qr: string; citizenPath: string; locale: Locale }): JSX.Element {
  const { page, view, qr, citizenPath } = props;
  const { t } = page;
  return (
    <Layout page={page} title={t('letter.title', { name: view.citizenName })} current="citizens">
      <div class="letter-tools" role="group" aria-label={t('letter.print')}>
        <button type="button" class="button button-primary" data-print hidden>
          {t('letter.print')}
        </button>
        <a href={citizenPath} safe>
          {t('letter.back', { name: view.citizenName })}
        </a>
      </div>
      <Letter view={view} qr={qr} locale={props.locale} />
    </Layout>
  );
}
