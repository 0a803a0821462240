// The mock's request journal: the last 1000 requests it responded to, without credentials (the front layer records
// no header, and redacts the target and the violations as a recorded HAR entry is redacted), each with the faults
// that acted on it.
import type { ExchangeRecord } from "../front.js";

export interface JournalEntry extends ExchangeRecord {
  id: number;
}

export class Journal {
  private readonly entries: JournalEntry[] = [];
  private next = 1;

  constructor(private readonly capacity = 1000) {}

  add(record: ExchangeRecord): JournalEntry {
    const entry = { id: this.next++, ...record };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return entry;
  }

  /** Newest first, filtered by account, by whether the request broke a rule, and by whether a fault acted on it. */
  list(
    filter: { accountSid?: string; violations?: "only" | "none"; warnings?: "only"; faults?: "only" } = {},
  ): JournalEntry[] {
    return this.entries
      .filter((e) => filter.faults !== "only" || (e.faults?.length ?? 0) > 0)
      .filter((e) => filter.accountSid === undefined || e.accountSid === filter.accountSid)
      .filter((e) => filter.violations !== "only" || e.violations.length > 0)
      .filter((e) => filter.violations !== "none" || e.violations.length === 0)
      .filter((e) => filter.warnings !== "only" || e.warnings.length > 0)
      .reverse();
  }

  clear(accountSid?: string): void {
    if (accountSid === undefined) this.entries.length = 0;
    else this.entries.splice(0, this.entries.length, ...this.entries.filter((e) => e.accountSid !== accountSid));
  }
}
