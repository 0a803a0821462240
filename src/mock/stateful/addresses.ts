// A called or calling address as the stateful mock keeps it, and as listCalls compares it.

/** E.164 for a number sent with separators, as Twilio stores it; anything else as given. */
export function normalized(address: string): string {
  return /^\+[0-9 ().-]+$/.test(address) ? address.replace(/[^0-9+]/g, "") : address;
}
