/**
 * Campaign files the visitor opens from their own computer, by the picker or by dropping them on
 * the page. Each is refused unread when it is too big, validated with the messages of
 * `npm run validate`, and added to the campaigns: a valid one is shown at once, on the theatre its
 * records name; an invalid one opens the problems panel. Nothing is uploaded anywhere.
 *
 * Validation and compilation load in their own chunk (as for the bundled files), so this module
 * adds little to the first load.
 */
import { create } from 'zustand';
import type { CampaignEntry, CampaignSource } from './campaigns.ts';
import { useApp } from './store.ts';

/** What the open-file controls tell the visitor: the file being opened, then how it went. */
export interface ImportStatus {
  opening: string | null;
  last: { file: string; ok: true; title: string } | { file: string; ok: false } | null;
}

export const useImportStatus = create<ImportStatus>(() => ({ opening: null, last: null }));

/** A file's name as the app shows it and keys it by: no control characters, not endless. */
export function campaignFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!clean) return 'campaign.json';
  return clean.length > 120 ? `${clean.slice(0, 80)}…${clean.slice(-39)}` : clean;
}

/** A picked or dropped file as a campaign source: its size is known before a byte is read. */
export function fileSource(file: File): CampaignSource {
  return { file: campaignFileName(file.name), size: file.size, read: () => file.text() };
}

/**
 * Opens the files one after another (each may take a moment to validate and compile) and adds
 * each to the campaigns; a file of the same name as one already open replaces it.
 */
export async function importCampaignFiles(files: readonly File[]): Promise<CampaignEntry[]> {
  const { openCampaign } = await import('./campaigns.ts');
  const opened: CampaignEntry[] = [];
  for (const file of files) {
    const source = fileSource(file);
    useImportStatus.setState({ opening: source.file });
    // Let the "Opening…" line paint before validation holds the main thread.
    await new Promise((resolve) => setTimeout(resolve, 0));
    let entry: CampaignEntry;
    try {
      entry = await openCampaign(source);
    } catch (e) {
      // openCampaign reports what it can as problems; anything else still gets a message.
      entry = {
        file: source.file,
        status: 'invalid',
        problems: [`${source.file}: ${e instanceof Error ? e.message : String(e)}`],
      };
    }
    if (entry.status === 'invalid') console.warn(entry.problems.join('\n'));
    if (entry.status === 'ready' && useApp.getState().activeFile === entry.file) {
      // The campaign view is keyed by file name: replaced in place, the one on screen would keep
      // the old version's clock and scene. Off screen for a frame, it mounts afresh.
      useApp.setState({ activeFile: null, loading: true });
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    useApp.getState().addEntry(entry);
    useImportStatus.setState({
      opening: null,
      last:
        entry.status === 'ready'
          ? { file: entry.file, ok: true, title: entry.campaign.records.campaign.title }
          : { file: entry.file, ok: false },
    });
    opened.push(entry);
  }
  return opened;
}

/**
 * The size limit as the controls state it, without loading the validator to read
 * records/load.ts's MAX_FILE_BYTES (tests/unit/importLimits.test.ts holds the two together).
 */
export const FILE_LIMIT_MB = 5;
