/**
 * Opening the visitor's own campaign files: a button in the top bar with a file picker, and the
 * whole page as a drop target. What happens to a file is in app/importFile.ts; this is the
 * controls and the line that says how it went.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { FILE_LIMIT_MB, importCampaignFiles, useImportStatus } from '../app/importFile.ts';
import { useApp } from '../app/store.ts';
import { useTranslation } from '../i18n/hooks.ts';
import './openFile.css';

const ACCEPT = '.json,application/json';

export function OpenFileButton() {
  const { t } = useTranslation('import');
  const input = useRef<HTMLInputElement>(null);
  const opening = useImportStatus((s) => s.opening);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    // Cleared, so that choosing the same file again (after correcting it) opens it again.
    e.target.value = '';
    if (files.length > 0) void importCampaignFiles(files);
  };
  return (
    <>
      {/* Short on screen (the top bar is full), the whole phrase for screen readers and as a tooltip. */}
      <button
        type="button"
        className="topbar__button open-file__button"
        aria-label={t('open')}
        title={t('openTitle')}
        aria-busy={opening !== null}
        onClick={() => input.current?.click()}
      >
        <svg className="open-file__icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path d="M3 6.5A1.5 1.5 0 0 1 4.5 5h5l2 2h8A1.5 1.5 0 0 1 21 8.5V10H6.2L3 18.5z" fill="currentColor" opacity="0.55" />
          <path d="M6.2 10H23l-3.3 9H3z" fill="currentColor" />
        </svg>
        <span>{t('openShort')}</span>
      </button>
      <input
        ref={input}
        className="open-file__input"
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        aria-label={t('open')}
        onChange={onChange}
      />
    </>
  );
}

/**
 * Files dragged anywhere onto the page are opened; while they are held over it, a full-page
 * outline says so. The browser's own handling (navigating to the dropped file, away from the app)
 * is cancelled for files only: dragging text or links inside the page is left alone. When no
 * campaign could be shown (there is no top bar), the open button stands here instead.
 */
export function FileDropZone() {
  const { t } = useTranslation('import');
  const [dragging, setDragging] = useState(false);
  const nothingShown = useApp((s) => !s.loading && !s.entries.some((e) => e.status === 'ready' && e.file === s.activeFile));

  useEffect(() => {
    const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    // dragenter and dragleave fire for every element crossed; count them to know when the drag left the page.
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (files.length > 0) void importCampaignFiles(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <>
      {dragging && (
        <div className="drop-zone" aria-hidden="true">
          <p className="drop-zone__title">{t('dropHere')}</p>
          <p className="drop-zone__hint">{t('dropHint', { limit: FILE_LIMIT_MB })}</p>
        </div>
      )}
      {nothingShown && (
        <div className="open-file--empty">
          <OpenFileButton />
        </div>
      )}
      <ImportStatusLine />
    </>
  );
}

/** How long the line saying a file was opened stays up. */
const STATUS_MS = 6000;

/** "Opening big-week.json…", then what became of it; a live region, so screen readers hear it too. */
function ImportStatusLine() {
  const { t } = useTranslation('import');
  const { opening, last } = useImportStatus();
  useEffect(() => {
    if (!last) return;
    const timer = setTimeout(() => useImportStatus.setState({ last: null }), STATUS_MS);
    return () => clearTimeout(timer);
  }, [last]);
  const text = opening
    ? t('opening', { file: opening })
    : last?.ok
      ? t('opened', { file: last.file, title: last.title })
      : last
        ? t('failed', { file: last.file })
        : '';
  return (
    <p className={`import-status${text ? ' import-status--shown' : ''}`} role="status" aria-live="polite">
      {text}
    </p>
  );
}
