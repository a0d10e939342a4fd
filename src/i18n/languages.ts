/**
 * The languages of the interface, without i18next: the store, the date and number formatting
 * and the language switch need these names before (and apart from) any translation.
 */

export const LANGUAGES = ['en', 'de', 'zh', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language named in itself: a visitor looks for their own language, not for a flag. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch', zh: '中文', ko: '한국어' };

/**
 * The Intl locale of each language. English keeps en-GB ("1,234", "20 February 1944"), as the
 * interface always wrote it; Chinese is written in simplified characters, as in the mainland.
 */
export const LOCALES: Record<Language, string> = { en: 'en-GB', de: 'de-DE', zh: 'zh-CN', ko: 'ko-KR' };

/**
 * Languages in which a campaign's record texts are complete. Every campaign has English and
 * German; Chinese and Korean only where the records are translated (the Korean campaign). A
 * unit test holds the records locale files to this list.
 */
const COMPLETE: Readonly<Record<string, readonly Language[]>> = {
  'korea-1951-strangle': ['en', 'de', 'zh', 'ko'],
};
const EVERYWHERE: readonly Language[] = ['en', 'de'];

export function languagesFor(campaignId: string | null | undefined): readonly Language[] {
  return (campaignId ? COMPLETE[campaignId] : undefined) ?? EVERYWHERE;
}

export const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
