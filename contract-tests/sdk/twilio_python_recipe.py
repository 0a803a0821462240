from urllib.parse import urlsplit

from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client


class MockHttpClient(TwilioHttpClient):
    """twilio-python's own HTTP client, sending every request to the mock instead of Twilio's hosts."""

    def __init__(self, mock_url, **kwargs):
        super().__init__(**kwargs)
        self.mock_url = mock_url.rstrip("/")

    def request(self, method, url, *args, **kwargs):
        # Every host (api.twilio.com, or an edge and region) becomes the mock; the path and query stay.
        parts = urlsplit(url)
        query = "?" + parts.query if parts.query else ""
        return super().request(method, self.mock_url + parts.path + query, *args, **kwargs)


def twilio_on_mock(account_sid, auth_token, mock_url):
    """A twilio-python client whose requests go to the mock at mock_url, such as http://127.0.0.1:4010."""
    return Client(account_sid, auth_token, http_client=MockHttpClient(mock_url))
