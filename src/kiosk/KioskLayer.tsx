/**
 * The kiosk's overlay: while a tour plays, the museum's name, the tour's caption and an
 * unmistakable "Touch to explore"; during a visit, the languages and "Back to the tour"; after
 * the idle timeout, the countdown. Loaded on demand (KioskMount.tsx), only in kiosk mode.
 *
 * React renders it only when the session changes (a chapter, a mode, a second of countdown);
 * the progress bars move per frame by direct writes of precomputed strings.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useApp } from '../app/store.ts';
import { useTranslation } from '../i18n/hooks.ts';
import { i18n } from '../i18n/i18n.ts';
import { LANGUAGE_NAMES, isLanguage, languagesFor, type Language } from '../i18n/languages.ts';
import type { LocalText } from '../tours/schema.ts';
import { kioskSession, type KioskView } from './session.ts';

// The kiosk's own texts in every language at once: the call to action is shown in all of them,
// and a language chosen at the kiosk has its buttons at once, before its other texts have loaded.
const kioskTexts = import.meta.glob<Record<string, string>>('../i18n/locales/*/kiosk.json', { eager: true, import: 'default' });
const TEXTS: Partial<Record<Language, Record<string, string>>> = {};
for (const [path, bundle] of Object.entries(kioskTexts)) {
  const lang = /locales\/([^/]+)\//.exec(path)?.[1];
  if (isLanguage(lang)) {
    TEXTS[lang] = bundle;
    i18n.addResourceBundle(lang, 'kiosk', bundle, true, false);
  }
}

/** 'scaleX(0.000)'…'scaleX(1.000)': written per frame without building a string. */
const SCALES = Array.from({ length: 201 }, (_, i) => `scaleX(${(i / 200).toFixed(3)})`);
const scale = (f: number) => SCALES[Math.round(Math.min(1, Math.max(0, f)) * 200)]!;

export default function KioskLayer() {
  const view = useSyncExternalStore(kioskSession.subscribe, kioskSession.getView);
  const { t, i18n: i18next } = useTranslation('kiosk');
  const language: Language = isLanguage(i18next.language) ? i18next.language : 'en';

  useEffect(() => {
    void kioskSession.start();
  }, []);

  return (
    <div
      className="kiosk"
      data-mode={view.mode}
      data-tour={view.tours[view.tourIndex]?.tour.id}
      data-chapter={view.chapterIndex}
      data-resets={view.resets}
      data-holding={view.holding}
    >
      {view.mode === 'starting' && <p className="kiosk-starting">{t('starting')}</p>}
      {view.mode === 'attract' && <Attract view={view} language={language} />}
      {(view.mode === 'visitor' || view.mode === 'countdown') && <VisitorDock view={view} language={language} />}
      {view.mode === 'countdown' && <Countdown view={view} />}
      {view.problems.length > 0 && view.mode !== 'visitor' && (
        <aside className="kiosk-problems" role="status">
          <p>{t('problems')}</p>
          <ul>
            {view.problems.slice(0, 6).map((p) => (
              <li key={p}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        </aside>
      )}
    </div>
  );
}

function pick(text: LocalText, language: Language): { text: string; lang: Language } {
  const own = text[language];
  return own ? { text: own, lang: language } : { text: text.en ?? '', lang: 'en' };
}

function Attract({ view, language }: { view: KioskView; language: Language }) {
  const { t } = useTranslation('kiosk');
  const chapterBar = useRef<HTMLSpanElement>(null);
  const tourBar = useRef<HTMLSpanElement>(null);
  const prepared = view.tours[view.tourIndex];
  const chapter = prepared?.chapters[view.chapterIndex]?.chapter;
  const config = view.config;

  useEffect(() => {
    let lastChapter = '';
    let lastTour = '';
    kioskSession.setProgressWriter((c, tour) => {
      const cs = scale(c);
      const ts = scale(tour);
      // Only when the rounded value moves: most frames write nothing.
      if (cs !== lastChapter && chapterBar.current) chapterBar.current.style.transform = lastChapter = cs;
      if (ts !== lastTour && tourBar.current) tourBar.current.style.transform = lastTour = ts;
    });
    return () => kioskSession.setProgressWriter(null);
  }, []);

  const title = config ? pick(config.title, language) : null;
  const tourTitle = prepared ? pick(prepared.tour.title, language) : null;
  const chapterTitle = chapter ? pick(chapter.title, language) : null;
  const caption = chapter ? pick(chapter.caption, language) : null;
  // The call to action in the other offered languages too: a passer-by may not read this one.
  const others = (config?.languages ?? []).filter((l) => l !== language && TEXTS[l]?.touchToExplore);

  return (
    <>
      <header className="kiosk-brand">
        {config?.logo && <img className="kiosk-brand__logo" src={config.logo} alt="" />}
        {title && (
          <span className="kiosk-brand__title" lang={title.lang}>
            {title.text}
          </span>
        )}
      </header>
      {chapter && prepared && (
        <section className="kiosk-caption" aria-live="polite" key={`${prepared.tour.id}:${chapter.id}`}>
          <p className="kiosk-caption__tour">
            <span lang={tourTitle!.lang}>{tourTitle!.text}</span>
            <span className="kiosk-caption__count">
              {t('chapterOf', { n: view.chapterIndex + 1, total: prepared.chapters.length })}
            </span>
          </p>
          <h2 className="kiosk-caption__title" lang={chapterTitle!.lang}>
            {chapterTitle!.text}
          </h2>
          <p className="kiosk-caption__text" lang={caption!.lang}>
            {caption!.text}
          </p>
          <div className="kiosk-caption__progress" aria-hidden="true">
            <span ref={chapterBar} />
          </div>
        </section>
      )}
      <div className="kiosk-tour-progress" aria-hidden="true">
        <span ref={tourBar} />
      </div>
      <div className="kiosk-cta-area">
        <button className="kiosk-cta" onClick={() => kioskSession.takeOver()}>
          <span className="kiosk-cta__ring" aria-hidden="true" />
          <span className="kiosk-cta__label">{t('touchToExplore')}</span>
        </button>
        {others.length > 0 && (
          <p className="kiosk-cta__others">
            {others.map((l) => (
              <span key={l} lang={l}>
                {TEXTS[l]!.touchToExplore}
              </span>
            ))}
          </p>
        )}
        <Languages view={view} language={language} />
      </div>
    </>
  );
}

/** Buttons named in each language itself; during the tour they change its captions without ending it. */
function Languages({ view, language }: { view: KioskView; language: Language }) {
  const { t } = useTranslation('kiosk');
  const campaignId = useApp((s) => {
    const entry = s.entries.find((e) => e.file === s.activeFile);
    return entry?.status === 'ready' ? entry.campaign.records.campaign.id : null;
  });
  const offered = (view.config?.languages ?? []).filter((l) => languagesFor(campaignId).includes(l));
  if (offered.length < 2) return null;
  return (
    <nav className="kiosk-languages" aria-label={t('languages')} data-kiosk-keeps-tour="">
      {offered.map((l) => (
        <button key={l} lang={l} aria-pressed={l === language} onClick={() => useApp.getState().setLanguage(l)}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </nav>
  );
}

function VisitorDock({ view, language }: { view: KioskView; language: Language }) {
  const { t } = useTranslation('kiosk');
  return (
    <div className="kiosk-dock">
      <Languages view={view} language={language} />
      <button className="kiosk-back" onClick={() => kioskSession.backToTour()}>
        <span className="kiosk-back__icon" aria-hidden="true" />
        {t('backToTour')}
      </button>
    </div>
  );
}

function Countdown({ view }: { view: KioskView }) {
  const { t } = useTranslation('kiosk');
  const seconds = view.config?.countdownSeconds ?? 10;
  return (
    <div
      className="kiosk-countdown"
      role="alertdialog"
      aria-labelledby="kiosk-countdown-title"
      aria-describedby="kiosk-countdown-text"
    >
      <div className="kiosk-countdown__card">
        <p className="kiosk-countdown__title" id="kiosk-countdown-title">
          {t('stillThere')}
        </p>
        <div className="kiosk-countdown__dial" style={{ animationDuration: `${seconds}s` }} aria-hidden="true">
          <span>{view.countdown}</span>
        </div>
        <p className="kiosk-countdown__text" id="kiosk-countdown-text">
          {t('returning', { count: view.countdown })}
        </p>
        <button className="kiosk-countdown__stay" onClick={() => kioskSession.takeOver()}>
          {t('keepExploring')}
        </button>
      </div>
    </div>
  );
}
