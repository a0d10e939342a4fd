/**
 * The language buttons: each language named in itself ("Deutsch", "中文"), never a flag (a
 * flag is a country, not a language). Chinese and Korean are offered only where the campaign's
 * records are translated into them; a language the campaign does not offer falls back to English.
 */
import { useEffect } from 'react';
import { useApp } from '../app/store.ts';
import { useTranslation } from './hooks.ts';
import { DEFAULT_LANGUAGE, LANGUAGE_NAMES, languagesFor } from './languages.ts';

export function LanguageSwitch({ campaignId }: { campaignId: string }) {
  const language = useApp((s) => s.language);
  const setLanguage = useApp((s) => s.setLanguage);
  const { t } = useTranslation();
  const offered = languagesFor(campaignId);
  useEffect(() => {
    if (!offered.includes(language)) setLanguage(DEFAULT_LANGUAGE);
  }, [offered, language, setLanguage]);
  return (
    <div className="language-switch" role="group" aria-label={t('topbar.language')}>
      {offered.map((l) => (
        // lang: the name is read, and drawn, in its own language and font.
        <button
          key={l}
          lang={l}
          className="topbar__button language-switch__button"
          aria-pressed={l === language}
          onClick={() => setLanguage(l)}
        >
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
