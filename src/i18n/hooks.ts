/**
 * What components use to speak the interface language. Importing this module initialises
 * i18next (./i18n.ts), so a component rendered on its own (in a test) has its texts too.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignFile } from '../records/schema.ts';
import './i18n.ts';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from './languages.ts';
import { recordTextsOf, type RecordTexts } from './records.ts';

export { useTranslation };

/**
 * The language the interface is shown in now: the store's choice once its texts have loaded
 * (formatting follows the texts on screen, not a choice still loading).
 */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** The record texts of `file` in the interface language (see records.ts). */
export function useRecordTexts(file: CampaignFile): RecordTexts {
  const { t } = useTranslation('records');
  return useMemo(() => recordTextsOf(t, file), [t, file]);
}
