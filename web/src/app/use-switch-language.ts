import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Me } from '@contracts/auth';
import { api } from './api';
import { setLanguage } from './i18n';
import { ME_KEY } from './auth';
import type { Lang } from './lang';

/** Switches at once, then saves the choice on the account so it follows the user to other PCs. */
export function useSwitchLanguage(): (lang: Lang) => Promise<void> {
  const qc = useQueryClient();
  return useCallback(
    async (lang: Lang) => {
      setLanguage(lang);
      const me = qc.getQueryData<Me | null>(ME_KEY);
      if (!me) return;
      // Keep the cached account in step, or the auth provider would switch the language back.
      qc.setQueryData<Me | null>(ME_KEY, (old) => (old ? { ...old, locale: lang } : old));
      try {
        await api('/api/me/locale', { method: 'PUT', body: { locale: lang } });
      } catch {
        // The browser still remembers the choice; the next sign-in will try again.
      }
    },
    [qc],
  );
}
