// Checking a set of answers against the questionnaire version they answer, and what the report
// needs from them: overall satisfaction, the NPS answer, the mean per indicator, the comments, and a
// fingerprint that tells a retry of the same submission from a different one. Pure.
import crypto from 'node:crypto';
import type { SurveyAnswers, SurveyDefinition, SurveyQuestion } from '../../../contracts/surveys';

export type AnswerProblem = { path: string; zh: string; en: string };
export type ScoredAnswers = {
  answers: Record<string, number | string | string[]>;
  overall: number | null;
  nps: number | null;
  scores: Record<string, number>;
  comment: string;
  fingerprint: string;
};

function questions(def: SurveyDefinition): SurveyQuestion[] {
  return def.sections.flatMap((s) => s.questions);
}

function check(q: SurveyQuestion, v: number | string | string[]): AnswerProblem | null {
  const bad = (zh: string, en: string) => ({ path: q.code, zh: `「${q.textZh}」${zh}`, en: `"${q.textEn}" ${en}` });
  switch (q.kind) {
    case 'rating':
      return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5 ? null : bad('应为 1–5 分', 'must be a score from 1 to 5');
    case 'nps':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10 ? null : bad('应为 0–10 分', 'must be a score from 0 to 10');
    case 'single':
      return typeof v === 'string' && (q.options ?? []).some((o) => o.code === v) ? null : bad('请选择一个选项', 'needs one of its options');
    case 'multiple': {
      const codes = new Set((q.options ?? []).map((o) => o.code));
      return Array.isArray(v) && v.every((c) => codes.has(c)) && new Set(v).size === v.length ? null : bad('选项无效', 'has an option that does not exist');
    }
    case 'text':
      return typeof v === 'string' ? null : bad('应为文字', 'must be text');
  }
}

/** Throws nothing: returns the problems, or the scored answers. */
export function scoreAnswers(def: SurveyDefinition, given: SurveyAnswers): { problems: AnswerProblem[] } | { problems: []; scored: ScoredAnswers } {
  const byCode = new Map(questions(def).map((q) => [q.code, q]));
  const problems: AnswerProblem[] = [];
  const answers: Record<string, number | string | string[]> = {};
  for (const a of given) {
    const q = byCode.get(a.question);
    if (!q) {
      problems.push({ path: a.question, zh: `问卷中没有题目 ${a.question}`, en: `The questionnaire has no question ${a.question}` });
      continue;
    }
    if (a.question in answers) {
      problems.push({ path: a.question, zh: `题目 ${a.question} 重复作答`, en: `Question ${a.question} is answered twice` });
      continue;
    }
    // An empty text or choice is no answer at all.
    if ((typeof a.value === 'string' && a.value.trim() === '') || (Array.isArray(a.value) && a.value.length === 0)) continue;
    const p = check(q, a.value);
    if (p) problems.push(p);
    else answers[a.question] = typeof a.value === 'string' ? a.value.trim() : a.value;
  }
  for (const q of byCode.values()) {
    if (q.required && !(q.code in answers) && !problems.some((p) => p.path === q.code)) {
      problems.push({ path: q.code, zh: `请回答「${q.textZh}」`, en: `Please answer "${q.textEn}"` });
    }
  }
  if (problems.length > 0) return { problems };

  const all = [...byCode.values()];
  const overallQ = all.find((q) => q.overall);
  const npsQ = all.find((q) => q.kind === 'nps');
  const sums = new Map<string, { sum: number; n: number }>();
  for (const q of all) {
    const v = answers[q.code];
    if (!q.indicator || typeof v !== 'number') continue;
    const s = sums.get(q.indicator) ?? { sum: 0, n: 0 };
    s.sum += v;
    s.n++;
    sums.set(q.indicator, s);
  }
  const scores: Record<string, number> = {};
  for (const [k, s] of sums) scores[k] = Math.round((s.sum / s.n) * 100) / 100;
  const comment = all
    .filter((q) => q.kind === 'text' && typeof answers[q.code] === 'string')
    .map((q) => answers[q.code] as string)
    .join('\n')
    .slice(0, 2000);
  const canonical = JSON.stringify(Object.keys(answers).sort().map((k) => [k, answers[k]]));
  const overall = overallQ && typeof answers[overallQ.code] === 'number' ? (answers[overallQ.code] as number) : null;
  const npsValue = npsQ && typeof answers[npsQ.code] === 'number' ? (answers[npsQ.code] as number) : null;
  return {
    problems: [],
    scored: { answers, overall, nps: npsValue, scores, comment, fingerprint: crypto.createHash('sha256').update(canonical).digest('hex') },
  };
}
