// Conference rooms, one per name per account (twilio.com/docs/api/twiml/conference): calls join and leave; a room
// starts once two are in and one of them has startConferenceOnEnter; a participant with endConferenceOnExit ends it
// for all when it leaves; a room left empty is gone. At most 250 participants a room (Global Conference's bound).
// Every join, leave, start and end is an entry in each participant's conversation, with who is in the room.
import type { RoomJoin, Rooms, Session, SimContext } from "./context.js";
import { CONFERENCE } from "./defaults.js";

interface Participant extends RoomJoin {
  session: Session;
}

interface Room {
  sid: string;
  name: string;
  accountSid: string;
  participants: Map<string, Participant>;
  started: boolean;
}

const keyOf = (accountSid: string, name: string) => `${accountSid} ${name}`;

/** An entry in the conversation of every participant of the room. */
function tellRoom(ctx: SimContext, room: Room, text: string): void {
  const participants = [...room.participants.keys()];
  for (const { session } of room.participants.values()) {
    ctx.note(session.call, { side: "mock", kind: "conference", conference: room.name, participants, text });
  }
}

export function createRooms(): Rooms {
  const rooms = new Map<string, Room>();
  const roomOf = new Map<string, Room>();

  function close(ctx: SimContext, room: Room, why: string): void {
    tellRoom(ctx, room, `the conference ${room.name} ends: ${why}`);
    rooms.delete(keyOf(room.accountSid, room.name));
    const left = [...room.participants.values()];
    room.participants.clear();
    for (const p of left) roomOf.delete(p.session.call.sid);
    for (const p of left) p.ended();
  }

  return {
    join(ctx, session, join) {
      const { call } = session;
      const key = keyOf(call.accountSid, join.name);
      let room = rooms.get(key);
      if (room && room.participants.size >= CONFERENCE.maxParticipants) return undefined;
      if (!room) {
        room = {
          sid: ctx.newSid("CF", session),
          name: join.name,
          accountSid: call.accountSid,
          participants: new Map(),
          started: false,
        };
        rooms.set(key, room);
      }
      room.participants.set(call.sid, { ...join, session });
      roomOf.set(call.sid, room);
      tellRoom(ctx, room, `${call.sid} joins the conference ${room.name} (${room.sid})`);
      const starter = [...room.participants.values()].some((p) => p.startOnEnter);
      if (!room.started && room.participants.size >= 2 && starter) {
        room.started = true;
        tellRoom(ctx, room, `the conference ${room.name} starts`);
      }
      return { sid: room.sid };
    },
    leave(ctx, session) {
      const sid = session.call.sid;
      const room = roomOf.get(sid);
      const participant = room?.participants.get(sid);
      if (!room || !participant) return;
      tellRoom(ctx, room, `${sid} leaves the conference ${room.name}`);
      room.participants.delete(sid);
      roomOf.delete(sid);
      if (participant.endOnExit && room.participants.size > 0) close(ctx, room, `${sid} left with endConferenceOnExit`);
      else if (room.participants.size === 0) rooms.delete(keyOf(room.accountSid, room.name));
    },
    reset(accountSid) {
      for (const [key, room] of rooms) {
        if (accountSid !== undefined && room.accountSid !== accountSid) continue;
        rooms.delete(key);
        for (const sid of room.participants.keys()) roomOf.delete(sid);
      }
    },
  };
}
