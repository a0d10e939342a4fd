/** The period card: the date, what happened, the weather where the text mentions it, the missions. */
import { useRef } from 'react';
import type { Campaign } from '../app/campaigns.ts';
import { koreaSceneOf } from '../motion/koreaScene.ts';
import type { Period } from '../records/schema.ts';
import { formatClock, formatStamp, isLongPeriod } from '../timeline/format.ts';
import { setText, useLiveWriter } from './live.ts';

export function PeriodCard({ campaign, period }: { campaign: Campaign; period: Period }) {
  const clockText = useRef<HTMLSpanElement>(null);
  const airborne = useRef<HTMLSpanElement>(null);
  const { utcOffset, clockLabel } = campaign.records.campaign;
  // Over a month the date matters more than the minute.
  const long = isLongPeriod(period.start, period.end);
  // Aircraft generated from monthly figures (Korea): say what is recorded and what is not.
  const flowNote = koreaSceneOf(campaign.records)?.notes.get(period.id);
  useLiveWriter((f) => {
    setText(clockText.current, long ? formatStamp(f.timeMs, utcOffset) : formatClock(f.timeMs, utcOffset));
    setText(airborne.current, f.airborne.toLocaleString('en-GB'));
  });
  return (
    <section className="panel period-card" aria-label={long ? 'The month' : 'The day'}>
      <p className="period-card__campaign">{campaign.records.campaign.title}</p>
      <h1 className="period-card__date">{period.label}</h1>
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
        aircraft in the air
      </p>
      {period.summary && <p className="period-card__summary">{period.summary}</p>}
      {flowNote && (
        <div className="period-card__weather" data-note="schematic-flows">
          <span className="period-card__label">Schematic</span> {flowNote.summary}
          <details>
            <summary>What is drawn</summary>
            <ul>
              {flowNote.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </details>
        </div>
      )}
      {period.weather && (
        <p className="period-card__weather">
          <span className="period-card__label">Weather</span> {period.weather}
        </p>
      )}
      {period.missions.length > 0 && (
        <ul className="period-card__missions">
          {period.missions.map((m) => (
            <li key={m.id}>
              {/* Name the air force unless the mission's own label already does. */}
              {!m.label.startsWith(m.airForce) && <span className="period-card__air-force">{m.airForce} </span>}
              {m.label}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
