/**
 * The event types whose rows leave the tables when their interval is archived: the bulk of the journal
 * (about 99.9 % of a simulated day's events). Every other type stays in EngineEvent as well as in the
 * segment (a deliberate departure from "delete every event of the range"): they are a few hundred rows
 * a day, and readers fold them across the whole history straight from the table (the parameter registry,
 * AFMM order-entry state, deposit notices, funding and insurance-fund history, incident reports), which
 * would otherwise need a replay of every segment since genesis. A new event type therefore stays hot
 * until it is added here: the tables grow a little, nothing is lost to a reader.
 */
export const ARCHIVED_EVENT_TYPES = ["MarkTick", "IndexTick", "OrderAccepted", "OrderClosed", "OrderReduced", "Trade", "FundingSampled"] as const;
