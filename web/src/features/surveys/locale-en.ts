// The surveys section of the English UI strings, typed against the Chinese source.
import type { surveysZhCN } from './locale-zh-cn';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const surveysEn: Shape<typeof surveysZhCN> = {
  tabs: { questionnaires: 'Questionnaires', programmes: 'Programmes and sampling', invitations: 'Invitations', entry: 'Enter answers' },
  kind: { rating: 'Rating (1–5)', nps: 'Recommend (0–10)', single: 'Single choice', multiple: 'Multiple choice', text: 'Text' },
  programmeKind: { bank: 'Yearly bank-wide sample', competitor: "Competitors' customers (every 2 years)", branch: 'Branch survey (100–200)', business_line: 'Business line, monthly', post_service: 'Post-service' },
  status: { drawn: 'To send', sent: 'Sent', answered: 'Answered', expired: 'Expired' },
  q: {
    title: 'Questionnaire editor', version: 'Version {{v}}', responses: '{{n}} answers', edit: 'Edit', create: 'New questionnaire', save: 'Save as a new version', saved: 'Saved as version {{v}}',
    versionNote: 'Saving writes a new version; answers already received keep the version they answered.', section: 'Section', addSection: 'Add section', addQuestion: 'Add question', remove: 'Remove',
    questionCode: 'Code', indicator: 'Indicator', overall: 'Overall satisfaction', options: 'Options (one a line: code 中文 English)', indicators: 'Indicators',
  },
  p: {
    sample: 'Sample sizes', draw: 'Draw', wave: 'Wave', drawn: '{{n}} customers drawn ({{total}} in this wave)', population: 'Customers who may be invited', sampleSize: 'Sample',
    formula: "Each branch's sample follows Cochran's formula with the finite-population correction, kept within 100–200, drawn at random by tier; customers without contact consent or invited in the last 30 days are left out.",
    notSampled: "This programme is not sampled: competitors' customers are entered by staff; post-service surveys follow each service.", invitations: 'Invitations', responses: 'Answers', share: 'Share',
    confidence: 'Confidence', margin: 'Margin', strata: 'Strata', branch: 'Branch',
  },
  i: { link: 'Link / QR code', linkTitle: 'One-time survey link', linkNote: 'The link is shown only now; issuing another one cancels it.', expires: 'Valid until', copy: 'Copy link', open: 'Open' },
  e: { title: 'Enter mail / phone answers', programme: 'Programme', branch: 'Branch', channel: 'Received by', mail: 'Mail', phone: 'Phone', competitor: 'Competitor', date: 'Date answered', submit: 'Save answers', saved: 'Answers saved' },
  r: {
    title: 'Customer satisfaction report', allBranches: 'All branches', period: 'Period', programme: 'Programme', all: 'All', export: 'Export', overall: '1. Overall satisfaction', perIndicator: '2. Satisfaction per indicator',
    suggestions: '3. Improvement suggestions', answers: 'Answers', csat: 'CSAT (4–5)', mean: 'Mean score', nps: 'NPS', ci: '95% interval',
    impact: 'Impact', correlation: 'Correlation with overall', comments: 'What customers said', noDrivers: 'No indicator stands out as pulling satisfaction down',
    by: { branch: 'Branch', rm: 'RM', businessLine: 'Business line', tier: 'Tier', month: 'Month' }, trend: 'Monthly trend', tooSmall: 'Too few answers to tell from the bank average',
    needed: 'about {{n}} needed', breakdown: 'Breakdown', n: 'Answers', plan: 'Make an improvement plan',
  },
  plans: {
    title: 'Improvement plans', create: 'New improvement plan', planTitle: 'Title', branch: 'Branch', period: 'Period', summary: 'Notes', measure: 'Measure', owner: 'Owner (staff id)',
    due: 'Due', indicator: 'Indicator', status: 'Status', open: 'Open', done: 'Done', overdue: 'Overdue', complete: 'Done', doneNote: 'Completion note', add: 'Add measure', none: 'No improvement plans yet',
  },
  pub: {
    title: 'Customer satisfaction survey', intro: 'Thank you for taking a minute or two to rate our service. Your answers are used only to improve it.', required: 'Required', submit: 'Submit', thanks: 'Thank you for your feedback!',
    receipt: 'Receipt: {{r}}', invalid: 'The survey cannot be opened', language: '中文', score: '{{n}}', low: 'Very dissatisfied', high: 'Very satisfied', npsLow: 'Not at all likely', npsHigh: 'Extremely likely',
    missing: 'Some required questions are not answered yet', comment: 'Your comments or suggestions (optional)',
  },
};
