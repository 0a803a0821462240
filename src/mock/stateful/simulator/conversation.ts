// Each simulated call's conversation (and each text's, texts.ts): what the simulator sent and ran, what the app responded, what the caller did,
// in order, each entry on the side that took it (app, mock, caller) so that a page can draw the call as a
// conversation. Bounded per call; told to watchers as `conversation` events; forgotten with the call.
import type { components } from "../../../../generated/mock-admin.js";
import { rfc2822 } from "../../callbacks.js";
import { MAX_ENTRIES_PER_CALL } from "./defaults.js";
import type { ClockPort, EventsPort, SimCall } from "./ports.js";

/** One entry, as the admin API serves it (openapi/mock-admin.yaml, ConversationEntry). */
export type ConversationEntry = components["schemas"]["ConversationEntry"];
/** An entry as the simulator writes it: the time is added when it is kept. */
export type EntryInput = Omit<ConversationEntry, "at" | "atMs">;

export class Conversations {
  private readonly entries = new Map<string, ConversationEntry[]>();

  constructor(
    private readonly clock: ClockPort,
    private readonly events: EventsPort,
  ) {}

  /** Adds an entry to the call's conversation, unless it is full; the last place says that it is. */
  add(call: Pick<SimCall, "sid" | "accountSid">, input: EntryInput): void {
    let list = this.entries.get(call.sid);
    if (!list) {
      list = [];
      this.entries.set(call.sid, list);
    }
    if (list.length >= MAX_ENTRIES_PER_CALL) return;
    const atMs = this.clock.now();
    const full = list.length === MAX_ENTRIES_PER_CALL - 1;
    const text = `the conversation keeps ${MAX_ENTRIES_PER_CALL} entries; later ones are not kept`;
    const entry: ConversationEntry = full
      ? { at: rfc2822(atMs), atMs, side: "mock", kind: "limit", text }
      : { at: rfc2822(atMs), atMs, ...input };
    list.push(entry);
    const { sid: callSid, accountSid } = call;
    this.events.publish("conversation", () => ({ callSid, accountSid, ...entry }));
  }

  of(sid: string): ConversationEntry[] {
    return [...(this.entries.get(sid) ?? [])];
  }

  forget(sid: string): void {
    this.entries.delete(sid);
  }

  clear(): void {
    this.entries.clear();
  }
}
