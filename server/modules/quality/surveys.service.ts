// Use cases of survey set-up and distribution: questionnaires (versioned), programmes, sample plans
// (Cochran per branch, stratified by tier), draws, and one-time links with their QR codes.
import { renderSVG } from 'uqr';
import { maskName } from '../../../contracts/personal-data';
import type {
  CreateQuestionnaireBody, SaveProgrammeBody, SurveyDrawResult, SurveyEntryForm, SurveyInvitationListQuery, SurveyInvitationPage, SurveyLink, SurveyProgramme,
  SurveyQuestionnaire, SurveySamplePlan, UpdateQuestionnaireBody,
} from '../../../contracts/surveys';
import { audit, type Actor } from '../../platform/audit';
import { requireScope, type Principal } from '../../platform/access';
import { hashToken, newToken } from '../../platform/auth';
import type { AppContext } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import * as repo from './surveys.repository';
import { allocate, branchSample, cochranSample } from './surveys.stats';

const QUESTIONNAIRE = { zh: '问卷', en: 'questionnaire' };
const PROGRAMME = { zh: '调查计划', en: 'survey programme' };
const INVITATION = { zh: '调查邀请', en: 'survey invitation' };

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toQuestionnaire(q: repo.QuestionnaireRow): SurveyQuestionnaire {
  return { ...q, updatedAt: new Date(q.updatedAt).toISOString() };
}

export async function listQuestionnaires(ctx: AppContext): Promise<SurveyQuestionnaire[]> {
  return (await repo.listQuestionnaires(ctx.db)).map(toQuestionnaire);
}

export async function getQuestionnaire(ctx: AppContext, id: number): Promise<SurveyQuestionnaire> {
  const q = await repo.questionnaireById(ctx.db, id);
  if (!q) throw notFound(QUESTIONNAIRE);
  return toQuestionnaire(q);
}

export async function createQuestionnaire(ctx: AppContext, actor: Actor, p: Principal, body: CreateQuestionnaireBody): Promise<SurveyQuestionnaire> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const newId = await repo.insertQuestionnaire(trx, { ...body, staffId: p.staffId });
    await audit(trx, actor, { action: 'survey.questionnaire.create', entityType: 'survey_questionnaire', entityId: String(newId), detail: { code: body.code } });
    return newId;
  });
  return getQuestionnaire(ctx, id);
}

export async function updateQuestionnaire(ctx: AppContext, actor: Actor, p: Principal, id: number, body: UpdateQuestionnaireBody): Promise<SurveyQuestionnaire> {
  await ctx.db.transaction().execute(async (trx) => {
    const version = await repo.addVersion(trx, id, { ...body, staffId: p.staffId });
    if (version === null) throw notFound(QUESTIONNAIRE);
    await audit(trx, actor, { action: 'survey.questionnaire.version', entityType: 'survey_questionnaire', entityId: String(id), detail: { version } });
  });
  return getQuestionnaire(ctx, id);
}

// ---- programmes and samples -----------------------------------------------------------------------

export async function listProgrammes(ctx: AppContext): Promise<SurveyProgramme[]> {
  return repo.listProgrammes(ctx.db);
}

export async function saveProgramme(ctx: AppContext, actor: Actor, body: SaveProgrammeBody): Promise<SurveyProgramme> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.questionnaireById(trx, body.questionnaireId))) {
      throw badRequest('UNKNOWN_QUESTIONNAIRE', `问卷 ${body.questionnaireId} 不存在`, `No questionnaire ${body.questionnaireId}`, [{ path: 'questionnaireId', zh: '问卷不存在', en: 'No such questionnaire' }]);
    }
    const pid = await repo.upsertProgramme(trx, body);
    await audit(trx, actor, { action: 'survey.programme.save', entityType: 'survey_programme', entityId: String(pid), detail: { ...body } });
    return pid;
  });
  return (await repo.programmeById(ctx.db, id))!;
}

async function programmeOrThrow(ctx: AppContext, id: number): Promise<SurveyProgramme> {
  const p = await repo.programmeById(ctx.db, id);
  if (!p) throw notFound(PROGRAMME);
  return p;
}

/** Which programmes are drawn from the customer base; the others are fed by service events or staff. */
function assertDrawn(p: SurveyProgramme): void {
  if (p.kind === 'competitor' || p.kind === 'post_service') {
    throw badRequest(
      'NOT_SAMPLED', '该调查计划不做抽样：同业客户调查由员工代录答卷，服务后调查在每次服务后自动邀请',
      "This programme is not sampled: competitors' customers are entered by staff, post-service surveys follow each service",
    );
  }
}

export async function samplePlan(ctx: AppContext, id: number): Promise<SurveySamplePlan> {
  const p = await programmeOrThrow(ctx, id);
  assertDrawn(p);
  const rows = await repo.populations(ctx.db);
  const byBranch = new Map<number, repo.PopulationRow[]>();
  for (const r of rows) byBranch.set(r.branchId, [...(byBranch.get(r.branchId) ?? []), r]);
  const strataOf = (list: repo.PopulationRow[], sample: number) => {
    const tiers = new Map<string, number>();
    for (const r of list) tiers.set(r.tierCode, (tiers.get(r.tierCode) ?? 0) + r.population);
    const parts = allocate(sample, [...tiers].map(([key, population]) => ({ key, population })));
    return parts.map((x) => ({ tierCode: x.key, population: tiers.get(x.key) ?? 0, sample: x.sample }));
  };
  const population = rows.reduce((s, r) => s + r.population, 0);
  if (p.kind === 'branch') {
    const groups = [...byBranch.values()].map((list) => {
      const n = list.reduce((s, r) => s + r.population, 0);
      const sample = branchSample(n, { confidence: p.confidence, margin: p.margin, min: p.minSample, max: p.maxSample });
      return { branchId: list[0].branchId, branchCode: list[0].branchCode, branchName: list[0].branchName, population: n, sample, strata: strataOf(list, sample) };
    });
    return { programmeId: p.id, kind: p.kind, population, sample: groups.reduce((s, g) => s + g.sample, 0), groups };
  }
  const sample = Math.min(population, p.sampleSize ?? cochranSample(population, p.confidence, p.margin));
  return { programmeId: p.id, kind: p.kind, population, sample, groups: [{ branchId: null, branchCode: '*', branchName: '全行 Bank-wide', population, sample, strata: strataOf(rows, sample) }] };
}

/** Draws a wave once: drawing the same wave again invites nobody new. */
export async function draw(ctx: AppContext, actor: Actor, id: number, wave: string): Promise<SurveyDrawResult> {
  // A drawn wave answers at once, without counting the population again (the nightly job asks daily).
  const already = await repo.waveCount(ctx.db, id, wave);
  if (already > 0) return { wave, invited: 0, total: already };
  const plan = await samplePlan(ctx, id);
  const p = await programmeOrThrow(ctx, id);
  const q = await repo.questionnaireById(ctx.db, p.questionnaireId);
  if (!q) throw notFound(QUESTIONNAIRE);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await repo.waveCount(trx, id, wave);
    if (before > 0) return { wave, invited: 0, total: before };
    const byBranch = p.kind === 'branch';
    const groups = plan.groups.map((g) => ({ group: byBranch ? g.branchId! : 0, sample: g.sample }));
    const invited = await repo.drawSample(trx, { id: p.id, questionnaireId: q.id, version: q.currentVersion, businessLine: p.businessLine }, wave, groups, byBranch);
    await audit(trx, actor, { action: 'survey.draw', entityType: 'survey_programme', entityId: String(id), detail: { wave, invited, planned: plan.sample } });
    return { wave, invited, total: invited };
  });
}

export async function invitePostService(ctx: AppContext, sinceHours = 48): Promise<number> {
  let invited = 0;
  for (const p of await repo.activeProgrammes(ctx.db, 'post_service')) {
    const q = await repo.questionnaireById(ctx.db, p.questionnaireId);
    if (!q) continue;
    invited += await ctx.db.transaction().execute((trx) => repo.invitePostService(trx, { ...p, questionnaireId: q.id, version: q.currentVersion }, sinceHours));
  }
  return invited;
}

export async function entryForms(ctx: AppContext): Promise<SurveyEntryForm[]> {
  const [programmes, questionnaires] = await Promise.all([repo.listProgrammes(ctx.db), repo.listQuestionnaires(ctx.db)]);
  const byId = new Map(questionnaires.map((q) => [q.id, q]));
  return programmes.filter((p) => p.active && byId.has(p.questionnaireId)).map((p) => ({
    programmeId: p.id, kind: p.kind, nameZh: p.nameZh, nameEn: p.nameEn, definition: byId.get(p.questionnaireId)!.definition,
  }));
}

// ---- invitations ----------------------------------------------------------------------------------

export async function listInvitations(ctx: AppContext, p: Principal, q: SurveyInvitationListQuery): Promise<SurveyInvitationPage> {
  const scope = requireScope(p, 'surveys.enter');
  const { items, total } = await repo.listInvitations(ctx.db, scope, { programmeId: q.programmeId, status: q.invitationStatus, page: q.page, pageSize: q.pageSize });
  return {
    items: items.map((i) => ({
      ...i, customerName: maskName(i.customerName), status: i.status as SurveyInvitationPage['items'][number]['status'],
      sentAt: iso(i.sentAt), expiresAt: iso(i.expiresAt), answeredAt: iso(i.answeredAt),
    })),
    total, page: q.page, pageSize: q.pageSize,
  };
}

/** A fresh one-time link: only its hash is kept, so it is shown now or never. */
export async function issueLink(ctx: AppContext, actor: Actor, p: Principal, id: number, origin: string): Promise<SurveyLink> {
  const scope = requireScope(p, 'surveys.enter');
  const token = newToken();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.setLink(trx, scope, id, hashToken(token));
    if (!row) {
      if ((await repo.invitationStatus(trx, scope, id)) === 'answered') throw conflict('ALREADY_ANSWERED', '客户已完成该调查，无需再发链接', 'The customer has already answered: no new link is needed');
      throw notFound(INVITATION);
    }
    await audit(trx, actor, { action: 'survey.link', entityType: 'survey_invitation', entityId: String(id), customerId: row.customerId, branchId: row.branchId });
    const path = `/s/${token}`;
    return { invitationId: row.id, path, qrSvg: renderSVG(`${origin}${path}`, { border: 2 }), expiresAt: new Date(row.expiresAt).toISOString() };
  });
}
