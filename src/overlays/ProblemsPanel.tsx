/**
 * Campaign files that could not be loaded: every problem as `file: JSON path: reason`, the
 * messages of `npm run validate`, grouped by file with the path highlighted. The messages stay
 * English (they are technical, and match the validator a curator runs); the panel around them
 * speaks the interface language.
 *
 * Focus: when the panel opens, or gains a file, because of something the visitor did (opening a
 * file, the toggle), it takes focus; Close or Escape gives focus back to where it was. Problems
 * found while the page loads do not take focus from the page.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { Trans } from 'react-i18next';
import type { CampaignEntry } from '../app/campaigns.ts';
import { useApp } from '../app/store.ts';
import { useTranslation } from '../i18n/hooks.ts';
import './openFile.css';

/** Problems listed per file: a hostile file can have tens of thousands, and the rest says little more. */
const SHOWN_PER_FILE = 200;

/**
 * A path as records/problems.ts formatPath writes it: `(root)`, or names, `[index]` and
 * `["quoted key"]` joined, e.g. `periods[0].missions[1].forces[0].losses.lost`.
 */
const PATH =
  /^(\(root\)|(?:[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])(?:\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*): /;
const DISCREPANCY = ' (discrepancy in the sources)';

/** `file: path: reason` split into its parts; a message without a path (a read error) keeps `path` null. */
export function splitProblem(file: string, message: string): { file: string; path: string | null; reason: string } {
  if (!message.startsWith(`${file}: `)) return { file: '', path: null, reason: message };
  const rest = message.slice(file.length + 2);
  const m = PATH.exec(rest);
  return m ? { file, path: m[1]!, reason: rest.slice(m[0].length) } : { file, path: null, reason: rest };
}

export function ProblemsPanel({ entries }: { entries: CampaignEntry[] }) {
  const open = useApp((s) => s.problemsOpen);
  const loading = useApp((s) => s.loading);
  const { t } = useTranslation('import');
  const invalid = entries.flatMap((e) => (e.status === 'invalid' ? [e] : []));
  const shown = invalid.map((e) => `${e.file}\n${e.problems.length}`).join('\n');

  const panel = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  /** Where focus was before the panel took it. */
  const returnTo = useRef<HTMLElement | null>(null);
  /** The visitor closed or emptied the panel: focus goes back. */
  const closing = useRef(false);
  /** What the last render showed, and whether the page had finished loading then. */
  const before = useRef({ open, shown, loaded: !loading });

  useEffect(() => {
    const was = before.current;
    before.current = { open, shown, loaded: !loading };
    if (!open || invalid.length === 0 || !was.loaded || (was.open && was.shown === shown)) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body && !panel.current?.contains(active)) returnTo.current = active;
    heading.current?.focus();
  }, [open, shown, loading, invalid.length]);

  useEffect(() => {
    if (!closing.current || (open && invalid.length > 0)) return;
    closing.current = false;
    const back = returnTo.current;
    returnTo.current = null;
    (back?.isConnected ? back : toggle.current)?.focus();
  }, [open, invalid.length]);

  if (invalid.length === 0) return null;
  const close = () => {
    closing.current = true;
    useApp.getState().setProblemsOpen(false);
  };
  if (!open)
    return (
      <button ref={toggle} className="problems-toggle" onClick={() => useApp.getState().setProblemsOpen(true)}>
        {t('problems.toggle', { count: invalid.length })}
      </button>
    );
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    close();
  };
  return (
    <section ref={panel} className="panel problems" role="alert" aria-label={t('problems.label')} onKeyDown={onKeyDown}>
      <h2 ref={heading} className="panel__title" tabIndex={-1}>
        {t('problems.title', { count: invalid.length })}
      </h2>
      <p className="problems__legend">{t('problems.legend')}</p>
      {invalid.map((e) => (
        <div key={e.file} className="problems__file">
          <div className="problems__file-head">
            <h3>
              <span className="problems__file-name">{e.file}</span>
              <span className="problems__count">{t('problems.count', { count: e.problems.length })}</span>
            </h3>
            <button
              type="button"
              className="problems__dismiss"
              aria-label={t('problems.dismissLabel', { file: e.file })}
              onClick={() => {
                if (invalid.length === 1) closing.current = true;
                useApp.getState().removeEntry(e.file);
              }}
            >
              {t('problems.dismiss')}
            </button>
          </div>
          <ul className="problems__list">
            {e.problems.slice(0, SHOWN_PER_FILE).map((p, i) => (
              <Problem key={i} file={e.file} message={p} />
            ))}
          </ul>
          {e.problems.length > SHOWN_PER_FILE && (
            <p className="problems__more">{t('problems.more', { count: e.problems.length - SHOWN_PER_FILE })}</p>
          )}
        </div>
      ))}
      <p className="problems__hint">
        <Trans t={t} i18nKey="problems.hint" components={{ code: <code /> }} />
      </p>
      <button type="button" className="problems__close" onClick={close}>
        {t('problems.close')}
      </button>
    </section>
  );
}

/** One message as text (never markup: it quotes the file), its JSON path marked. */
function Problem({ file, message }: { file: string; message: string }) {
  const { file: where, path, reason } = splitProblem(file, message);
  const discrepancy = reason.endsWith(DISCREPANCY);
  return (
    <li className={discrepancy ? 'problems__item problems__item--discrepancy' : 'problems__item'}>
      <code>
        {where && <span className="problems__where">{`${where}: `}</span>}
        {path !== null && (
          <>
            <mark className="problems__path">{path}</mark>
            {': '}
          </>
        )}
        <span className="problems__reason">{reason}</span>
      </code>
    </li>
  );
}
