// The public survey page (/s/:token): a customer opens their one-time link on a phone, without
// signing in. Native radio and checkbox inputs inside fieldsets, so a screen reader names every
// question and the keyboard works; large targets, high contrast. Nothing about the customer shows.
// data-testid: psurvey, psurvey-q-<code>, psurvey-opt-<code>-<value>, psurvey-submit, psurvey-thanks,
// psurvey-receipt, psurvey-invalid, psurvey-lang, psurvey-error
import { useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SurveyQuestion } from '@contracts/surveys';
import { errorText } from '../../app/api';
import { setLanguage } from '../../app/i18n';
import { useLang } from '../../app/lang';
import { FullSpin } from '../../components/full-spin';
import { usePublicSurvey, useSubmitSurvey } from './api';
import './survey.css';

type Value = number | string | string[];

function Question({ q, value, onChange }: { q: SurveyQuestion; value: Value | undefined; onChange: (v: Value) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const text = lang === 'en' ? q.textEn : q.textZh;
  const req = q.required ? <span className="psurvey-req">（{t('surveys.pub.required')}）</span> : null;
  if (q.kind === 'text') {
    return (
      <div className="psurvey-q" data-testid={`psurvey-q-${q.code}`}>
        <label htmlFor={`q-${q.code}`} style={{ fontWeight: 600, display: 'block', marginBottom: 8 }}>{text}{req}</label>
        <textarea id={`q-${q.code}`} maxLength={2000} placeholder={t('surveys.pub.comment')} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />
      </div>
    );
  }
  if (q.kind === 'rating' || q.kind === 'nps') {
    const scale = q.kind === 'rating' ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    return (
      <fieldset className="psurvey-q" data-testid={`psurvey-q-${q.code}`}>
        <legend>{text}{req}</legend>
        <div className="psurvey-scale">
          {scale.map((n) => (
            <label key={n} data-testid={`psurvey-opt-${q.code}-${n}`}>
              <input type="radio" name={q.code} value={n} checked={value === n} onChange={() => onChange(n)} aria-label={`${n}`} />
              <span aria-hidden>{n}</span>
            </label>
          ))}
        </div>
        <div className="psurvey-ends" aria-hidden>
          <span>{q.kind === 'rating' ? t('surveys.pub.low') : t('surveys.pub.npsLow')}</span>
          <span>{q.kind === 'rating' ? t('surveys.pub.high') : t('surveys.pub.npsHigh')}</span>
        </div>
      </fieldset>
    );
  }
  const multiple = q.kind === 'multiple';
  const chosen = Array.isArray(value) ? value : [];
  return (
    <fieldset className="psurvey-q" data-testid={`psurvey-q-${q.code}`}>
      <legend>{text}{req}</legend>
      {(q.options ?? []).map((o) => (
        <label key={o.code} className="psurvey-choice" data-testid={`psurvey-opt-${q.code}-${o.code}`}>
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={q.code}
            checked={multiple ? chosen.includes(o.code) : value === o.code}
            onChange={(e) => onChange(multiple ? (e.target.checked ? [...chosen, o.code] : chosen.filter((c) => c !== o.code)) : o.code)}
          />
          <span>{lang === 'en' ? o.en : o.zh}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function PublicSurveyPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const survey = usePublicSurvey(token);
  const submit = useSubmitSurvey(token);
  const [values, setValues] = useState<Record<string, Value>>({});
  const [missing, setMissing] = useState(false);

  const header = (
    <header className="psurvey-header">
      <h1>{t('surveys.pub.title')}</h1>
      <button type="button" className="psurvey-lang" lang={lang === 'en' ? 'zh-CN' : 'en'} onClick={() => setLanguage(lang === 'en' ? 'zh-CN' : 'en')} data-testid="psurvey-lang">
        {t('surveys.pub.language')}
      </button>
    </header>
  );
  const frame = (body: React.ReactNode) => (
    <div className="psurvey" data-testid="psurvey" lang={lang}>
      {header}
      <main className="psurvey-main">{body}</main>
    </div>
  );
  if (survey.isLoading) return <FullSpin />;
  if (survey.error || !survey.data) {
    return frame(
      <div className="psurvey-msg" role="alert" data-testid="psurvey-invalid">
        <h2>{t('surveys.pub.invalid')}</h2>
        <p>{errorText(survey.error, lang)}</p>
      </div>,
    );
  }
  if (submit.data) {
    return frame(
      <div className="psurvey-msg" role="status" data-testid="psurvey-thanks">
        <h2>{t('surveys.pub.thanks')}</h2>
        <p data-testid="psurvey-receipt">{t('surveys.pub.receipt', { r: submit.data.receipt })}</p>
      </div>,
    );
  }
  const def = survey.data.definition;
  const questions = def.sections.flatMap((s) => s.questions);
  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const gaps = questions.filter((q) => q.required && (values[q.code] === undefined || values[q.code] === ''));
    setMissing(gaps.length > 0);
    if (gaps.length > 0) {
      document.getElementById(`sq-${gaps[0].code}`)?.scrollIntoView({ block: 'center' });
      return;
    }
    submit.mutate({ answers: Object.entries(values).map(([question, value]) => ({ question, value })), locale: lang });
  };
  return frame(
    <form onSubmit={onSubmit} noValidate>
      <p className="psurvey-intro">{lang === 'en' ? survey.data.nameEn : survey.data.nameZh} · {t('surveys.pub.intro')}</p>
      {def.sections.map((s) => (
        <section key={s.code} className="psurvey-section" aria-labelledby={`s-${s.code}`}>
          <h2 id={`s-${s.code}`}>{lang === 'en' ? s.titleEn : s.titleZh}</h2>
          {s.questions.map((q) => (
            <div key={q.code} id={`sq-${q.code}`}>
              <Question q={q} value={values[q.code]} onChange={(v) => setValues((old) => ({ ...old, [q.code]: v }))} />
            </div>
          ))}
        </section>
      ))}
      {(missing || submit.error) && (
        <p className="psurvey-error" role="alert" data-testid="psurvey-error">{submit.error ? errorText(submit.error, lang) : t('surveys.pub.missing')}</p>
      )}
      <button type="submit" className="psurvey-submit" disabled={submit.isPending} data-testid="psurvey-submit">{t('surveys.pub.submit')}</button>
    </form>,
  );
}
