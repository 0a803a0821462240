// verify-app's own bounds, in a module that imports nothing, so that the CLI's flag table and help read them
// without loading the run. Twilio's time limit and the size of a document it reads are the shared webhook
// delivery's (src/webhook-delivery.ts).

/** How many action requests deep the menu is walked unless told otherwise. */
export const DEFAULT_MENU_DEPTH = 5;
/** Past this a response is slow (a warning): the caller hears silence while the app works. */
export const SLOW_RESPONSE_MS = 3000;
/** The most action requests one walk sends, whatever the menu's breadth. */
export const MAX_ACTION_REQUESTS = 500;
