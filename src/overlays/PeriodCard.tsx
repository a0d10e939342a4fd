/** The period card: the date, what happened, the weather where the text mentions it, the missions. */
import { useMemo, useRef } from 'react';
import type { Campaign } from '../app/campaigns.ts';
import { koreaNoteIn } from '../i18n/flowNotes.ts';
import { useLanguage, useRecordTexts, useTranslation } from '../i18n/hooks.ts';
import { koreaSceneOf } from '../motion/koreaScene.ts';
import type { Period } from '../records/schema.ts';
import { formatClock, formatNumber, formatStamp, isLongPeriod, offsetMinutes } from '../timeline/format.ts';
import { setText, useLiveWriter } from './live.ts';

export function PeriodCard({ campaign, period }: { campaign: Campaign; period: Period }) {
  const clockText = useRef<HTMLSpanElement>(null);
  const airborne = useRef<HTMLSpanElement>(null);
  const { utcOffset } = campaign.records.campaign;
  const { t } = useTranslation();
  const language = useLanguage();
  const records = useRecordTexts(campaign.records);
  const clockLabel = records.clockLabel();
  // Over a month the date matters more than the minute.
  const long = isLongPeriod(period.start, period.end);
  // Aircraft generated from monthly figures (Korea): say what is recorded and what is not.
  const scene = koreaSceneOf(campaign.records);
  const flowNote = useMemo(() => {
    const month = scene?.months.find((m) => m.periodId === period.id);
    // English is the scene's own note; other languages word the same figures.
    return language === 'en' || !scene || !month ? scene?.notes.get(period.id) : koreaNoteIn(t, language, scene, month);
  }, [scene, period.id, language, t]);
  // The writer runs every frame: it formats only when the shown minute or count changes, with the
  // language's kept formatters, never t(), so a frame that moves time by seconds allocates nothing.
  // A day's period starts the evening before (the night raids): then the clock carries its date,
  // so 23:16 on the 19th never reads as 23:16 under "Sunday 20 February".
  const offsetMs = offsetMinutes(utcOffset) * 60_000;
  const periodDay = localDay((Date.parse(period.start) + Date.parse(period.end)) / 2, offsetMs);
  const shown = useRef({ minute: NaN, airborne: NaN, language, long, periodDay });
  useLiveWriter((f) => {
    const s = shown.current;
    const restyled = s.language !== language || s.long !== long || s.periodDay !== periodDay;
    const minute = Math.floor(f.timeMs / 60_000);
    if (restyled || s.minute !== minute) {
      const dated = long || localDay(f.timeMs, offsetMs) !== periodDay;
      const text = dated ? formatStamp(f.timeMs, utcOffset, language) : formatClock(f.timeMs, utcOffset);
      setText(clockText.current, text);
      clockText.current?.classList.toggle('period-card__time--date', dated);
      s.minute = minute;
      s.periodDay = periodDay;
    }
    if (restyled || s.airborne !== f.airborne) {
      setText(airborne.current, formatNumber(f.airborne, language));
      s.airborne = f.airborne;
    }
    s.language = language;
    s.long = long;
  }, `${language}:${period.id}`);
  const summary = records.summary(period);
  const weather = records.weather(period);
  return (
    <section className="panel period-card" aria-label={long ? t('periodCard.month') : t('periodCard.day')}>
      <p className="period-card__campaign">{records.title()}</p>
      <h1 className="period-card__date">{records.periodLabel(period)}</h1>
      <p className="period-card__clock">
        <span
          ref={clockText}
          className={long ? 'period-card__time period-card__time--date' : 'period-card__time'}
          data-figure="clock"
        >
          --:--
        </span>
        <span className="period-card__zone">{clockLabel ?? `UTC${utcOffset}`}</span>
      </p>
      <p className="period-card__airborne">
        <span ref={airborne} data-figure="airborne">
          0
        </span>{' '}
        {t('periodCard.airborne')}
      </p>
      {summary && <p className="period-card__summary">{summary}</p>}
      {flowNote && (
        <div className="period-card__weather" data-note="schematic-flows">
          <span className="period-card__label">{t('periodCard.schematic')}</span> {flowNote.summary}
          <details>
            <summary>{t('periodCard.whatIsDrawn')}</summary>
            <ul>
              {flowNote.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </details>
        </div>
      )}
      {weather && (
        <p className="period-card__weather">
          <span className="period-card__label">{t('periodCard.weather')}</span> {weather}
        </p>
      )}
      {period.missions.length > 0 && (
        <ul className="period-card__missions">
          {period.missions.map((m) => (
            <li key={m.id}>
              {/* Name the air force unless the mission's own label already does. */}
              {!m.label.startsWith(m.airForce) && <span className="period-card__air-force">{m.airForce} </span>}
              {records.mission(m)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Days since the epoch on the campaign's own clock. */
function localDay(timeMs: number, offsetMs: number): number {
  return Math.floor((timeMs + offsetMs) / 86_400_000);
}
