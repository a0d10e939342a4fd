/** Campaign files that failed validation: every problem, with file, JSON path and reason. */
import type { CampaignEntry } from '../app/campaigns.ts';
import { useApp } from '../app/store.ts';

export function ProblemsPanel({ entries }: { entries: CampaignEntry[] }) {
  const open = useApp((s) => s.problemsOpen);
  const setOpen = useApp((s) => s.setProblemsOpen);
  const invalid = entries.flatMap((e) => (e.status === 'invalid' ? [e] : []));
  if (invalid.length === 0) return null;
  if (!open)
    return (
      <button className="problems-toggle" onClick={() => setOpen(true)}>
        {invalid.length} campaign file{invalid.length > 1 ? 's' : ''} could not be loaded
      </button>
    );
  return (
    <section className="panel problems" role="alert" aria-label="Campaign files with problems">
      <h2 className="panel__title">
        {invalid.length === 1 ? 'A campaign file could not be loaded' : `${invalid.length} campaign files could not be loaded`}
      </h2>
      {invalid.map((e) => (
        <div key={e.file} className="problems__file">
          <h3>
            {e.file}: {e.problems.length} problem{e.problems.length > 1 ? 's' : ''}
          </h3>
          <ul className="problems__list">
            {e.problems.map((p, i) => (
              <li key={i}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p className="problems__hint">
        The other campaigns are unaffected. Check a file with <code>npm run validate -- file.json</code>.
      </p>
      <button className="problems__close" onClick={() => setOpen(false)}>
        Close
      </button>
    </section>
  );
}
