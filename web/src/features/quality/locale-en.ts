// The quality section of the English UI strings, typed against the Chinese source.
import type { qualityZhCN } from './locale-zh-cn';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const qualityEn: Shape<typeof qualityZhCN> = {
  channel: { lobby: 'Lobby', counter: 'Counter', phone: 'Phone', online: 'Online', letter: 'Letter', regulator: 'Regulator transfer' },
  complainant: { customer: 'Customer', proxy: 'Proxy', heir: 'Heir', walk_in: 'Walk-in (no customer record)' },
  category: {
    service_attitude: 'Service attitude', waiting_time: 'Waiting time', mis_selling: 'Product sale / mis-selling', fees: 'Fees', system_failure: 'System failure',
    privacy: 'Privacy', business_error: 'Processing error', environment: 'Branch environment', other: 'Other',
  },
  line: { deposits: 'Deposits', wealth: 'Wealth products', agency: 'Funds and insurance', loans: 'Loans', cards: 'Cards', payments: 'Payments', e_banking: 'E-banking', counter: 'Counter services', other: 'Other' },
  status: { accepted: 'Accepted', assigned: 'Assigned', investigating: 'Investigating', proposed: 'Decision proposed', decided: 'Decided and told', review: 'Under review', closed: 'Closed', withdrawn: 'Withdrawn', open: 'Open' },
  deadline: { ok: 'In time', warn50: 'Half gone', warn80: '80% gone', overdue: 'Overdue', met: 'Told in time', late: 'Told late', ended: 'Ended' },
  toldVia: { phone: 'Phone', in_person: 'In person', letter: 'Letter', sms: 'SMS', online: 'Online' },
  rootCause: {
    staff_conduct: 'Staff conduct', training_gap: 'Training gap', process_defect: 'Process defect', system_defect: 'System defect', product_design: 'Product design',
    disclosure: 'Insufficient disclosure', capacity: 'Staffing / counters', policy: 'Policy', customer_misunderstanding: 'Customer misunderstanding', other: 'Other',
  },
  action: {
    assign: 'Assign', investigate: 'Start investigating', propose: 'Propose a decision', reject_proposal: 'Send back', decide: 'Tell the decision', dispute: 'Customer disputes (review)',
    close: 'Customer accepts: close', withdraw: 'Customer withdraws', extend: 'Extend', callback: 'Call back', attach: 'Attach a file', accept: 'Accepted',
  },
  list: {
    title: 'Complaints', subtitle: 'Under the 2020 complaint rules: the decision is told within 15 days of acceptance', newComplaint: 'Record a complaint', mine: 'Assigned to me',
    no: 'Complaint no.', complainant: 'Complainant', branch: 'Branch', acceptedOn: 'Accepted', dueOn: 'Due', daysLeft: 'Days left', handler: 'Handler', unassigned: 'Unassigned',
    anyStatus: 'Any status', anyCategory: 'Any category', ext: 'Extended {{n}}×', status: 'Status',
  },
  intake: {
    title: 'Record a complaint', subtitle: 'Complaints from the lobby, counter, phone, online, letters and regulator transfers', channel: 'Channel', complainantType: 'Complainant',
    customerId: 'Customer id (optional)', contactName: 'Contact name', contactMobile: 'Contact mobile', category: 'Category', businessLine: 'Business line',
    aboutStaff: 'Staff complained about', amount: 'Amount in dispute (yuan)', description: 'What happened', request: "Customer's request", submit: 'Accept',
    done: 'Accepted: due {{due}}', contactHint: 'A proxy, an heir or a walk-in without a customer record must leave a name and mobile',
    staffHint: 'Staff named here are never assigned the complaint (recusal)',
  },
  detail: {
    facts: 'Complaint', history: 'History', attachments: 'Attachments', upload: 'Upload (JPG/PNG/PDF, up to 5 MB)', download: 'Download', decision: 'Decision',
    rootCause: 'Root cause and correction', callback: 'Call-back', none: 'None', reveal: 'Show full contact', revealReason: 'Reason', aboutStaff: 'Staff named',
    request: "Customer's request", amount: 'Amount in dispute', extension: 'Extension', dueOn: 'Due', told: 'Told by', reopened: 'Reviews', owner: 'Owner', dueOnAction: 'Due',
    satisfaction: "Customer's satisfaction with the handling",
  },
  form: {
    handler: 'Handler', openCases: '{{n}} open', note: 'Note', decision: 'Decision', toldVia: 'Told by', rootCause: 'Root cause', rootCauseNote: 'Details',
    correctiveAction: 'Corrective action', correctiveOwner: 'Owner (staff id)', correctiveDueOn: 'Due', extensionLevel: 'Extension', level1: 'Complex: to 30 days',
    level2: 'Especially complex: 30 more days (senior approval)', reason: 'Reason (the complainant is told)', satisfaction: 'Satisfaction (1–5)', confirm: 'Confirm',
  },
  report: {
    title: 'Complaint report', subtitle: 'Volumes, handling time, on-time and review rates; the monthly regulatory summary', total: 'Accepted', decided: 'Decided',
    meanDays: 'Mean days', p90Days: 'P90 days', onTime: 'On-time rate', reopen: 'Review rate', overdue: 'Overdue, undecided', byCategory: 'By category',
    byChannel: 'By channel', byBranch: 'By branch', byStaff: 'By staff named', byMonth: 'By month', causes: 'Repeated root causes', cause: 'Root cause',
    count: 'Count', openActions: 'Corrections running', export: 'Export the regulatory summary (xlsx)', month: 'Month',
  },
  standards: {
    title: 'Service standards', subtitle: "Built in four steps: break the service into steps → the key element from the customer's view → a standard with a time limit → review against customers' needs; each must be SMART",
    step: 'Service step', dimension: 'Dimension', keyElement: 'Key element (customer view)', standard: 'Standard (S specific)', measurable: 'M measurable', achievable: 'A achievable',
    relevant: 'R relevant', timeBound: 'T time-bound', smart: 'SMART', smartOk: 'Complete', smartMissing: 'Missing {{letters}}', add: 'New standard', edit: 'Edit',
    code: 'Code', stepOrder: 'Order', timeLimit: 'Time limit (s)', reviewedOn: 'Reviewed on', reviewNote: 'Review note', active: 'Active', procedural: 'Procedural side',
    personal: 'Personal side', source: 'Source', sources: { etiquette: 'Etiquette rules', lobby: 'Lobby service levels', custom: 'Custom' },
  },
  inspections: {
    title: 'Inspections', subtitle: 'Mystery shopper or supervisor: a score (0–5) per standard, photos and corrective actions', add: 'New inspection', kind: 'Kind',
    kinds: { mystery_shopper: 'Mystery shopper', supervisor: 'Supervisor' }, branch: 'Branch', staff: 'Staff observed (staff id, optional)', date: 'Date', inspector: 'Inspector',
    score: 'Score', photos: 'Photos', findings: 'Findings', corrective: 'Corrective actions', items: 'Checklist', trend: 'Scores over time', byBranch: 'By branch',
    byStaff: 'By staff', byDimension: 'The seven standard areas', uploadPhoto: 'Upload a photo', detail: 'Inspection',
  },
  teams: {
    title: 'Team evaluation', subtitle: 'Customer satisfaction, complaint-handling efficiency and teamwork (peer / manager ratings) per outlet and month, with feedback',
    period: 'Period', team: 'Team (outlet)', satisfaction: 'Satisfaction', complaints: 'Complaints', efficiency: 'On-time rate', meanDays: 'Mean days', teamwork: 'Teamwork',
    ratings: 'Raters', feedback: 'Feedback', rate: 'Rate', raterKind: 'Rater', peer: 'Peer', manager: 'Manager', score: 'Teamwork score (1–5)', addFeedback: 'Add feedback',
    noSurvey: 'No survey data',
  },
};
