// The reader's language and how bilingual values ({ zh, en }) from contracts and the server are read.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Bilingual = { zh: string; en: string };

export const isLang = (v: unknown): v is Lang => v === 'zh-CN' || v === 'en';

export function useLang(): Lang {
  const { i18n } = useTranslation();
  return isLang(i18n.language) ? i18n.language : 'zh-CN';
}

/** Picks the reader's side of a bilingual label. */
export function useBi(): (label: Bilingual | undefined | null) => string {
  const lang = useLang();
  return useCallback((label) => (label ? (lang === 'en' ? label.en : label.zh) : ''), [lang]);
}

/** For server records that carry both names as fields (nameZh / nameEn). */
export function useNamePick(): (zh: string | null | undefined, en: string | null | undefined) => string {
  const lang = useLang();
  return useCallback((zh, en) => (lang === 'en' ? en || zh || '' : zh || en || ''), [lang]);
}
