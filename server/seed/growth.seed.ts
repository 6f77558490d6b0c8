// Demo growth data around the demo outlet: referrals in every state (credited to tellers, the lobby
// manager and the marketing RM), prospects and a pipeline per RM, a running campaign with worked
// tasks, a past care event with attendance and follow-ups, and market research. Set-based: seconds.
import type { Trx } from '../platform/db';
import { createTasks } from '../modules/engagement/engagement-tasks.service';
import * as camp from '../modules/engagement/growth-campaigns.repository';
import * as ev from '../modules/engagement/growth-events.repository';
import * as seed from '../modules/engagement/growth-seed.repository';
import { addDays, segmentSpec } from '../modules/engagement/growth.rules';

export type GrowthSeedCounts = { growthReferrals: number; growthOpportunities: number; growthCampaignMembers: number; growthEventInvitations: number; growthResearch: number };

const NONE: GrowthSeedCounts = { growthReferrals: 0, growthOpportunities: 0, growthCampaignMembers: 0, growthEventInvitations: 0, growthResearch: 0 };

export async function seedGrowth(trx: Trx, opts: { seed: number; today: string }): Promise<GrowthSeedCounts> {
  const who = await seed.demoStaff(trx, ['wrm', 'mrm', 'cteller', 'nteller', 'lobby', 'bhead']);
  const wrm = who.get('wrm');
  const mrm = who.get('mrm');
  const bhead = who.get('bhead');
  if (!wrm || !mrm || !bhead) return NONE;
  const today = opts.today;

  const referrers = (['cteller', 'nteller', 'lobby', 'mrm'] as const)
    .map((u) => ({ u, s: who.get(u) }))
    .filter((x): x is { u: (typeof x)['u']; s: seed.DemoStaff } => !!x.s)
    .map(({ u, s }) => ({ staffId: s.staffId, role: u === 'cteller' ? 'cash_teller' : u === 'nteller' ? 'noncash_teller' : u === 'lobby' ? 'lobby_manager' : 'rm' }));
  const refs = await seed.seedReferrals(trx, { rm: wrm.staffId, referrers, branchId: wrm.branchId, today, count: 24 });
  await createTasks(trx, refs.filter((r) => r.customerId !== null && (r.status === 'new' || r.status === 'contacted')).map((r) => ({
    customerId: r.customerId!, kind: 'referral' as const, reasonKey: `referral:${r.id}`, staffId: wrm.staffId, title: '跟进转介客户', titleEn: 'Follow up a referral',
    dueOn: addDays(today, 1), sourceType: 'referral', sourceId: r.id, createdBy: r.referredBy,
  })));
  const walkIns = await seed.seedWalkInReferrals(trx, { rm: wrm.staffId, referredBy: who.get('lobby')?.staffId ?? mrm.staffId, role: 'lobby_manager', branchId: wrm.branchId, today });

  const prospectIds = await seed.seedProspects(trx, { staffId: mrm.staffId, branchId: mrm.branchId, today });
  const opportunities = await seed.seedOpportunities(trx, { rm: wrm.staffId, rmBranchId: wrm.branchId, mrm: mrm.staffId, mrmBranchId: mrm.branchId, prospectIds, today });

  // A running campaign: gold customers of the outlet who hold no fund and accept phone calls.
  const scope = { kind: 'subtree' as const, path: bhead.branchPath };
  const filters = { consentChannel: 'phone' as const, tierCodes: ['gold'], notHeldCategories: ['fund' as const], branchIds: [bhead.branchId] };
  const campaignId = await camp.insertCampaign(trx, {
    branchId: bhead.branchId, name: '金卡客户基金定投推广', description: '向未持有基金的金卡客户介绍基金定投，年底前完成电话联系。', filters, dueOn: addDays(today, 14), createdBy: bhead.staffId,
  });
  const members = await camp.insertMembers(trx, campaignId, segmentSpec(filters, today, new Date()), scope);
  await createTasks(trx, members.filter((m) => m.staffId !== null).map((m) => ({
    customerId: m.customerId, staffId: m.staffId, kind: 'campaign' as const, reasonKey: `campaign:${campaignId}`, title: '营销活动：金卡客户基金定投推广',
    titleEn: 'Campaign: fund savings plans for gold customers', dueOn: addDays(today, 14), detail: { campaignId }, sourceType: 'campaign', sourceId: campaignId, createdBy: bhead.staffId,
  })));
  await camp.markLaunched(trx, campaignId, bhead.staffId, members.length);
  await seed.backdateCampaign(trx, campaignId, 7);
  await seed.markCampaignTasksWorked(trx, campaignId);

  // A past investment seminar: platinum and diamond customers of the outlet, invited three weeks ago.
  const startsAt = `${addDays(today, -14)}T14:00:00+08:00`;
  const eventId = await ev.insertEvent(trx, { branchId: bhead.branchId, kind: 'seminar', title: '2027年资产配置策略报告会', venue: '网点贵宾室', startsAt, capacity: 60, cost: '12000.00', createdBy: bhead.staffId });
  const eventFilters = { consentChannel: 'phone' as const, tierCodes: ['platinum', 'diamond'], branchIds: [bhead.branchId] };
  const invited = await ev.invite(trx, eventId, segmentSpec(eventFilters, today, new Date()), scope);
  await ev.setFilters(trx, eventId, eventFilters);
  await seed.backdateInvitations(trx, eventId, `${addDays(today, -21)}T10:00:00+08:00`);
  await seed.seedPastEventAttendance(trx, eventId, bhead.staffId);
  await ev.closeEvent(trx, eventId);
  const attendees = (await ev.attendees(trx, eventId)).filter((a) => a.staffId !== null);
  await createTasks(trx, attendees.map((a) => ({
    customerId: a.customerId, staffId: a.staffId, kind: 'follow_up' as const, reasonKey: `event:${eventId}`, title: '活动后回访：2027年资产配置策略报告会',
    titleEn: 'Follow up after the seminar', dueOn: addDays(today, -11), detail: { eventId }, sourceType: 'care_event', sourceId: eventId, createdBy: bhead.staffId,
  })));

  const research = await seed.seedResearch(trx, { branchId: mrm.branchId, staffId: mrm.staffId, today });
  return { growthReferrals: refs.length + walkIns, growthOpportunities: opportunities, growthCampaignMembers: members.length, growthEventInvitations: invited, growthResearch: research };
}
