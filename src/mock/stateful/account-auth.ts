// Twilio's authentication, for the accounts whose auth token the admin API was given (PUT /__mock/api/accounts/
// {AccountSid}): the mock can know only those. A request to such an account's path with another token gets 401 with
// code 20003 ("Authenticate", https://www.twilio.com/docs/errors/20003); one authenticated as another account SID
// gets the spec's AccountNotFound, 404 with code 20404 ("does not exist or is not yours", openapi/calls.yaml), as a
// path naming an account the caller cannot see. An API key user (SK...) is let in: the mock cannot check a key's
// secret. A parent account's credentials on a subaccount's path, which Twilio allows, are not modelled: the mock
// knows no parents. Any other account keeps the mock's rule of credentials present, of any value.
import { twilioError } from "../errors.js";
import { type AcceptedRequest, jsonResponse, type MockResponse } from "../responder.js";

export interface RegisteredTokens {
  /** The token the admin API set for the account; undefined for an account it was never given. */
  registeredToken(accountSid: string): string | undefined;
}

/** Twilio's refusal of a request to a registered account's path, or undefined when the request may go on. */
export function authRefusal(accounts: RegisteredTokens, request: AcceptedRequest): MockResponse | undefined {
  const accountSid = request.params.AccountSid;
  const token = accountSid === undefined ? undefined : accounts.registeredToken(accountSid);
  const user = request.authUser ?? accountSid;
  if (token === undefined || user === undefined || user.startsWith("SK")) return undefined;
  if (user !== accountSid) {
    // The caller's own token is checked when the admin API was given it too.
    const own = accounts.registeredToken(user);
    if (own !== undefined && own !== request.authToken) return unauthenticated();
    return jsonResponse(404, twilioError(404, 20404, `The requested resource ${pathOf(request)} was not found`));
  }
  return request.authToken === token ? undefined : unauthenticated();
}

const unauthenticated = () =>
  jsonResponse(401, twilioError(401, 20003, "Authenticate"), { "WWW-Authenticate": 'Basic realm="Twilio API"' });

const pathOf = (request: AcceptedRequest) => request.target.split("?")[0] ?? request.target;
