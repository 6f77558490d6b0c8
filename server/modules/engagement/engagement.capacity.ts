// Book-size rules (no I/O): how a departing RM's customers are spread over the receiving RMs, and
// whether a receiver ends above the limit of their grade.

export type Receiver = { staffId: number; current: number; maxCustomers: number | null };
export type ReceiverPlan = Receiver & { incoming: number; after: number; exceeded: boolean };

/** Load as a share of the limit; a receiver without a limit counts against 1,000. */
const load = (n: number, max: number | null) => n / (max ?? 1000);

/**
 * Each customer (in the given order) goes to the receiver with the lowest load after taking it, so
 * the books end as even as their limits allow; ties go to the earlier receiver. Never leaves a
 * customer out: exceeding a limit is a warning, not a refusal.
 */
export function planReassignment(customerIds: readonly number[], receivers: readonly Receiver[]): { assignment: Map<number, number[]>; targets: ReceiverPlan[] } {
  if (receivers.length === 0) throw new RangeError('at least one receiver');
  const counts = receivers.map((r) => ({ ...r, incoming: 0 }));
  const assignment = new Map<number, number[]>(receivers.map((r) => [r.staffId, []]));
  for (const id of customerIds) {
    let best = 0;
    for (let i = 1; i < counts.length; i++) {
      const c = counts[i];
      const b = counts[best];
      if (load(c.current + c.incoming + 1, c.maxCustomers) < load(b.current + b.incoming + 1, b.maxCustomers)) best = i;
    }
    counts[best].incoming++;
    assignment.get(counts[best].staffId)!.push(id);
  }
  const targets = counts.map((c) => {
    const after = c.current + c.incoming;
    return { ...c, after, exceeded: c.maxCustomers !== null && after > c.maxCustomers };
  });
  return { assignment, targets };
}
