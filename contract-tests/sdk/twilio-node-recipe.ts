import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient.js";

/** twilio-node's own HTTP client, sending every request to the mock instead of Twilio's hosts. */
export class MockRequestClient extends twilio.RequestClient {
  constructor(private readonly mockUrl: string) {
    super();
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    // Every host (api.twilio.com, or the edge and region of TWILIO_EDGE and TWILIO_REGION) becomes the mock.
    return super.request({ ...options, uri: options.uri.replace(/^https:\/\/[^/]+/, this.mockUrl) });
  }
}

/** A twilio-node client whose requests go to the mock at `mockUrl`, such as `http://127.0.0.1:4010`. */
export function twilioOnMock(accountSid: string, authToken: string, mockUrl: string) {
  return twilio(accountSid, authToken, { httpClient: new MockRequestClient(mockUrl.replace(/\/+$/, "")) });
}
