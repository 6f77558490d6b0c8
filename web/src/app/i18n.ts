// i18next set-up. zh-CN is the users' language; English is the second locale.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { zhCN } from './locales/zh-cn';
import { en } from './locales/en';
import { isLang, type Lang } from './lang';

const STORAGE_KEY = 'patron.locale';

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (isLang(v)) return v;
  } catch {
    // Storage can be disabled (private mode); the default is fine then.
  }
  // zh-CN first, whatever the browser says: the bank's staff work in Chinese.
  return 'zh-CN';
}

function applySideEffects(lang: Lang): void {
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
  document.title = lang === 'en' ? 'Patron VIP customer service' : 'Patron 贵宾客户服务';
}

const initial = storedLang();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
applySideEffects(initial);

/** Switches the UI language and remembers it in this browser (the server copy is saved by the caller). */
export function setLanguage(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // See storedLang.
  }
  applySideEffects(lang);
  void i18n.changeLanguage(lang);
}

export { i18n };
