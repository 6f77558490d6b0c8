import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { ApiError, errorText } from '../app/api';
import { useLang } from '../app/lang';

/**
 * Shows a failed write in the reader's language. With a form, the server's per-field problems go
 * under the fields they concern, and the summary still appears so nothing is missed.
 */
export function useApiError(): (err: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  const lang = useLang();
  return useCallback(
    (err, form) => {
      if (form && err instanceof ApiError && err.fields.length > 0) {
        const known = new Set(
          Object.keys(form.getFieldsValue(true) as Record<string, unknown>),
        );
        const mine = err.fields.filter((f) => known.has(f.path.split('.')[0]));
        form.setFields(
          mine.map((f) => ({
            name: f.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
            errors: [lang === 'en' ? f.en : f.zh],
          })),
        );
      }
      void message.error(errorText(err, lang));
    },
    [message, lang],
  );
}
