// Data hooks of the lobby module. Every path of /api/lobby the pages use is here, so a change on the
// server is a change in one file (routes: the top comment of contracts/lobby.ts).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AmendDayBody, Appointment, AttainmentReport, BoardSnapshot, BusinessType, CallNextResult, CheckInBody, CheckInResult, CompleteTicketBody,
  ComplaintBody, Counter, CounterConsole, DailyStats, Device, DeviceFault, FaultProgressBody, GuidanceBody, GuidanceRecord, Incident,
  IncidentBody, LobbyComplaint, LobbyConsole, LobbyOutlet, OutletSetup, QueueView, Referral, ReferralBody, RoutingRuleInput, RoutingRules,
  SaveBusinessTypeBody, SaveCounterBody, SaveDeviceBody, SaveZoneBody, ServiceLevel, StaffingAdvice, Ticket, TransferResult,
  TransferTicketBody, VipArrival, Zone, ReplaceServiceLevelsBody, LobbyNotice, NoticeBody, QueueRuleParams, OutletHoursBody, AppointmentBody,
} from '@contracts/lobby';
import { api, download } from '../../app/api';

const L = '/api/lobby';
const outletPath = (branchId: number) => `${L}/outlets/${branchId}`;

export const lobbyKeys = {
  all: ['lobby'] as const,
  outlets: ['lobby', 'outlets'] as const,
  businessTypes: ['lobby', 'business-types'] as const,
  serviceLevels: ['lobby', 'service-levels'] as const,
  queueRule: ['lobby', 'queue-rule'] as const,
  notices: (branchId: number) => ['lobby', 'notices', branchId] as const,
  routing: (branchId: number | null) => ['lobby', 'routing', branchId] as const,
  setup: (branchId: number) => ['lobby', 'setup', branchId] as const,
  queue: (branchId: number) => ['lobby', 'queue', branchId] as const,
  console: (branchId: number) => ['lobby', 'console', branchId] as const,
  board: (branchId: number) => ['lobby', 'board', branchId] as const,
  counter: (id: number) => ['lobby', 'counter', id] as const,
  stats: (branchId: number, date: string) => ['lobby', 'stats', branchId, date] as const,
  attainment: (branchId: number, q: object) => ['lobby', 'attainment', branchId, q] as const,
  staffing: (branchId: number, weekStart: string | undefined) => ['lobby', 'staffing', branchId, weekStart ?? ''] as const,
  day: (kind: string, branchId: number, date: string | undefined) => ['lobby', kind, branchId, date ?? ''] as const,
};

// ---- reference data and set-up --------------------------------------------------------------------

export const useOutlets = (enabled = true) =>
  useQuery({ queryKey: lobbyKeys.outlets, queryFn: () => api<LobbyOutlet[]>(`${L}/outlets`), staleTime: 60_000, enabled });

export const useBusinessTypes = (enabled = true) =>
  useQuery({ queryKey: lobbyKeys.businessTypes, queryFn: () => api<BusinessType[]>(`${L}/business-types`), staleTime: 5 * 60_000, enabled });

export const useServiceLevels = () =>
  useQuery({ queryKey: lobbyKeys.serviceLevels, queryFn: () => api<ServiceLevel[]>(`${L}/service-levels`), staleTime: 5 * 60_000 });

/** The queue order rule's parameters (head starts, warn share, service levels) as the server runs it. */
export const useQueueRule = () =>
  useQuery({ queryKey: lobbyKeys.queueRule, queryFn: () => api<QueueRuleParams>(`${L}/queue-rule`), staleTime: 5 * 60_000 });

export const useRoutingRules = (branchId: number | null) =>
  useQuery({
    queryKey: lobbyKeys.routing(branchId),
    queryFn: () => api<RoutingRules>(`${L}/routing-rules`, { query: { branchId: branchId ?? undefined } }),
  });

export const useSetup = (branchId: number | null) =>
  useQuery({
    queryKey: lobbyKeys.setup(branchId ?? 0),
    queryFn: () => api<OutletSetup>(`${outletPath(branchId ?? 0)}/setup`),
    enabled: !!branchId,
  });

/** A write of the set-up pages: refreshes everything lobby-related afterwards. */
function useLobbyWrite<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: lobbyKeys.all }) });
}

export const useSaveBusinessType = () =>
  useLobbyWrite(({ code, body }: { code: string; body: SaveBusinessTypeBody }) =>
    api<BusinessType>(`${L}/business-types/${code}`, { method: 'PUT', body }));
export const useSaveServiceLevels = () =>
  useLobbyWrite((body: ReplaceServiceLevelsBody) => api<ServiceLevel[]>(`${L}/service-levels`, { method: 'PUT', body }));
export const useSaveRoutingRules = () =>
  useLobbyWrite(({ branchId, rules }: { branchId: number | null; rules: RoutingRuleInput[] }) =>
    api<RoutingRules>(branchId ? `${outletPath(branchId)}/routing-rules` : `${L}/routing-rules`, { method: 'PUT', body: { rules } }));
export const useSaveZone = () =>
  useLobbyWrite(({ branchId, code, body }: { branchId: number; code: string; body: SaveZoneBody }) =>
    api<Zone>(`${outletPath(branchId)}/zones/${code}`, { method: 'PUT', body }));
export const useSetOutletHours = () =>
  useLobbyWrite(({ branchId, body }: { branchId: number; body: OutletHoursBody }) => api<OutletSetup>(`${outletPath(branchId)}/hours`, { method: 'PUT', body }));
export const useSaveCounter = () =>
  useLobbyWrite(({ branchId, id, body }: { branchId: number; id?: number; body: SaveCounterBody }) =>
    id ? api<Counter>(`${L}/counters/${id}`, { method: 'PUT', body }) : api<Counter>(`${outletPath(branchId)}/counters`, { method: 'POST', body }));
export const useAddDevice = () =>
  useLobbyWrite(({ branchId, body }: { branchId: number; body: SaveDeviceBody }) =>
    api<Device>(`${outletPath(branchId)}/devices`, { method: 'POST', body }));
export const useOpenCounter = () =>
  useLobbyWrite(({ id, staffId }: { id: number; staffId?: number }) =>
    api<Counter>(`${L}/counters/${id}/open`, { method: 'POST', body: staffId ? { staffId } : {} }));
export const useCloseCounter = () => useLobbyWrite((id: number) => api<Counter>(`${L}/counters/${id}/close`, { method: 'POST', body: {} }));
export const useReportFault = () =>
  useLobbyWrite(({ deviceId, description }: { deviceId: number; description: string }) =>
    api<DeviceFault>(`${L}/devices/${deviceId}/faults`, { method: 'POST', body: { description } }));
export const useFaultProgress = () =>
  useLobbyWrite(({ id, body }: { id: number; body: FaultProgressBody }) => api<DeviceFault>(`${L}/faults/${id}/progress`, { method: 'POST', body }));

// ---- board notices ---------------------------------------------------------------------------------

export const useNotices = (branchId: number | null) =>
  useQuery({ queryKey: lobbyKeys.notices(branchId ?? 0), queryFn: () => api<LobbyNotice[]>(`${outletPath(branchId ?? 0)}/notices`), enabled: !!branchId });
export const useSaveNotice = () =>
  useLobbyWrite(({ branchId, id, body }: { branchId: number; id?: number; body: NoticeBody }) =>
    id ? api<LobbyNotice>(`${L}/notices/${id}`, { method: 'PUT', body }) : api<LobbyNotice>(`${outletPath(branchId)}/notices`, { method: 'POST', body }));
export const useRemoveNotice = () => useLobbyWrite((id: number) => api<{ ok: true }>(`${L}/notices/${id}`, { method: 'DELETE' }));

// ---- check-in and the queue ----------------------------------------------------------------------

export const checkIn = (body: CheckInBody) => api<CheckInResult>(`${L}/check-in`, { method: 'POST', body });
export const useCheckIn = () => useLobbyWrite(checkIn);
export const useGuidance = () => useLobbyWrite((body: GuidanceBody) => api<GuidanceRecord>(`${L}/guidance`, { method: 'POST', body }));

export const useBookAppointment = () => useLobbyWrite((body: AppointmentBody) => api<Appointment>(`${L}/appointments`, { method: 'POST', body }));
export const useAppointments = (branchId: number | null) =>
  useQuery({
    queryKey: lobbyKeys.day('appointments', branchId ?? 0, undefined),
    queryFn: () => api<Appointment[]>(`${outletPath(branchId ?? 0)}/appointments`),
    enabled: !!branchId,
    refetchInterval: 60_000,
  });

export const useQueue = (branchId: number | null) =>
  useQuery({ queryKey: lobbyKeys.queue(branchId ?? 0), queryFn: () => api<QueueView>(`${outletPath(branchId ?? 0)}/queue`), enabled: !!branchId });

export const useConsole = (branchId: number | null) =>
  useQuery({
    queryKey: lobbyKeys.console(branchId ?? 0),
    queryFn: () => api<LobbyConsole>(`${outletPath(branchId ?? 0)}/console`),
    enabled: !!branchId,
    // The stream keeps it fresh; this slow poll moves the waiting minutes on and covers a dead stream.
    refetchInterval: 30_000,
  });

export const useBoard = (branchId: number | null) =>
  useQuery({
    queryKey: lobbyKeys.board(branchId ?? 0),
    queryFn: () => api<BoardSnapshot>(`${outletPath(branchId ?? 0)}/board`),
    enabled: !!branchId,
    refetchInterval: 60_000,
  });

export const eventsUrl = (branchId: number, since?: number) =>
  `${outletPath(branchId)}/events${since !== undefined ? `?since=${since}` : ''}`;

// ---- the teller's console --------------------------------------------------------------------------

export const useCounterConsole = (id: number | null) =>
  useQuery({
    queryKey: lobbyKeys.counter(id ?? 0),
    queryFn: () => api<CounterConsole>(`${L}/counters/${id}`),
    enabled: !!id,
    refetchInterval: 30_000,
  });

export const useCallNext = () => useLobbyWrite((counterId: number) => api<CallNextResult>(`${L}/counters/${counterId}/call-next`, { method: 'POST', body: {} }));
type TicketAction = 'recall' | 'no-show' | 'serve';
export const useTicketAction = () =>
  useLobbyWrite(({ id, action }: { id: number; action: TicketAction }) => api<Ticket>(`${L}/tickets/${id}/${action}`, { method: 'POST', body: {} }));
export const useCompleteTicket = () =>
  useLobbyWrite(({ id, body }: { id: number; body: CompleteTicketBody }) => api<Ticket>(`${L}/tickets/${id}/complete`, { method: 'POST', body }));
export const useTransferTicket = () =>
  useLobbyWrite(({ id, body }: { id: number; body: TransferTicketBody }) => api<TransferResult>(`${L}/tickets/${id}/transfer`, { method: 'POST', body }));
export const useCancelTicket = () =>
  useLobbyWrite(({ id, reason }: { id: number; reason: string }) => api<Ticket>(`${L}/tickets/${id}/cancel`, { method: 'POST', body: { reason } }));

// ---- referrals, complaints, incidents, VIP ----------------------------------------------------------

export const useReferral = () => useLobbyWrite((body: ReferralBody) => api<Referral>(`${L}/referrals`, { method: 'POST', body }));
export const useComplaint = () => useLobbyWrite((body: ComplaintBody) => api<LobbyComplaint>(`${L}/complaints`, { method: 'POST', body }));
export const useIncident = () => useLobbyWrite((body: IncidentBody) => api<Incident>(`${L}/incidents`, { method: 'POST', body }));
export const useCloseIncident = () =>
  useLobbyWrite(({ id, actionsTaken }: { id: number; actionsTaken: string }) =>
    api<Incident>(`${L}/incidents/${id}/close`, { method: 'POST', body: { actionsTaken } }));
export const useReceiveVip = () =>
  useLobbyWrite(({ id, vipRoom, note }: { id: number; vipRoom: boolean; note: string }) =>
    api<VipArrival>(`${L}/vip-arrivals/${id}/receive`, { method: 'POST', body: { vipRoom, note } }));

export const useDayList = <T,>(kind: 'referrals' | 'complaints' | 'incidents' | 'vip-arrivals', branchId: number | null, date?: string, enabled = true) =>
  useQuery({
    queryKey: lobbyKeys.day(kind, branchId ?? 0, date),
    queryFn: () => api<T[]>(`${outletPath(branchId ?? 0)}/${kind}`, { query: { date } }),
    enabled: !!branchId && enabled,
  });

// ---- statistics, attainment, staffing ------------------------------------------------------------------

export const useDailyStats = (branchId: number | null, date: string) =>
  useQuery({
    queryKey: lobbyKeys.stats(branchId ?? 0, date),
    queryFn: () => api<DailyStats>(`${outletPath(branchId ?? 0)}/daily-stats`, { query: { date } }),
    enabled: !!branchId,
    placeholderData: keepPreviousData,
  });

export const exportDailyStats = (branchId: number, date: string) =>
  download(`${outletPath(branchId)}/daily-stats/export`, { date }, `lobby-daily-${date}.xlsx`);

export const useCloseDay = () =>
  useLobbyWrite(({ branchId, date }: { branchId: number; date: string }) =>
    api<DailyStats>(`${outletPath(branchId)}/daily-stats/close`, { method: 'POST', body: { date } }));
export const useAmendDay = () =>
  useLobbyWrite(({ branchId, body }: { branchId: number; body: AmendDayBody }) =>
    api<DailyStats>(`${outletPath(branchId)}/daily-stats/amend`, { method: 'POST', body }));

export const useAttainment = (branchId: number | null, q: { from?: string; to?: string; groupBy: string }) =>
  useQuery({
    queryKey: lobbyKeys.attainment(branchId ?? 0, q),
    queryFn: () => api<AttainmentReport>(`${outletPath(branchId ?? 0)}/attainment`, { query: q }),
    enabled: !!branchId,
    placeholderData: keepPreviousData,
  });

export const useStaffing = (branchId: number | null, weekStart?: string) =>
  useQuery({
    queryKey: lobbyKeys.staffing(branchId ?? 0, weekStart),
    queryFn: () => api<StaffingAdvice>(`${outletPath(branchId ?? 0)}/staffing`, { query: { weekStart } }),
    enabled: !!branchId,
    placeholderData: keepPreviousData,
    staleTime: 10 * 60_000,
  });
