"""The Calls API through twilio-python, unchanged, against the stateful mock: create, fetch, list, update and delete,
two errors, and the status callbacks of one call, each checked with the SDK's own RequestValidator. Prints what it saw
as one JSON object; contract-tests/sdk/twilio-python.test.ts decides whether that is right.

Usage: python3 twilio_python_scenario.py MOCK_URL ADMIN_URL ACCOUNT_SID AUTH_TOKEN
"""

import json
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qsl

from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator

from twilio_python_recipe import twilio_on_mock

mock_url, admin_url, account_sid, auth_token = sys.argv[1:5]
validator = RequestValidator(auth_token)
heard = []


class StatusCallbacks(BaseHTTPRequestHandler):
    """The app's status callback endpoint: keeps each callback and whether its signature holds."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        params = dict(parse_qsl(body, keep_blank_values=True))
        url = "http://127.0.0.1:%d%s" % (self.server.server_port, self.path)
        signature = self.headers.get("X-Twilio-Signature", "")
        forged = dict(params, CallStatus="forged")
        heard.append(
            {
                "status": params.get("CallStatus"),
                "signed": validator.validate(url, params, signature),
                "forgedSigned": validator.validate(url, forged, signature),
            }
        )
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def advance_clock(ms):
    """Moves the mock's manual clock through its admin API."""
    request = urllib.request.Request(
        admin_url + "/clock/advance",
        data=json.dumps({"ms": ms}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    urllib.request.urlopen(request, timeout=10).read()


def refusal(action):
    try:
        action()
    except TwilioRestException as error:
        return {"status": error.status, "code": error.code}
    return None


receiver = HTTPServer(("127.0.0.1", 0), StatusCallbacks)
threading.Thread(target=receiver.serve_forever, daemon=True).start()
client = twilio_on_mock(account_sid, auth_token, mock_url)

placed = client.calls.create(
    to="+13105555555",
    from_="+12125551234",
    url="https://example.com/twiml",
    status_callback="http://127.0.0.1:%d/status" % receiver.server_port,
    status_callback_event=["initiated", "ringing", "answered", "completed"],
)
second = client.calls.create(to="+13105555556", from_="+12125551234", twiml="<Response><Say>Hi</Say></Response>")
canceled = client.calls(second.sid).update(status="canceled")

advance_clock(60000)
deadline = time.time() + 10
while len(heard) < 4 and time.time() < deadline:
    time.sleep(0.02)

fetched = client.calls(placed.sid).fetch()
listed = [call.sid for call in client.calls.list(page_size=1)]
deleted = [client.calls(sid).delete() for sid in (placed.sid, second.sid)]
result = {
    "created": {"sid": placed.sid, "status": placed.status},
    "updated": {"sid": canceled.sid, "status": canceled.status},
    "fetched": {"sid": fetched.sid, "status": fetched.status, "duration": fetched.duration},
    "listed": listed,
    "deleted": deleted,
    "callbacks": heard,
    "gone": refusal(lambda: client.calls(placed.sid).fetch()),
    "rejected": refusal(
        lambda: client.calls.create(to="+15005550001", from_="+12125551234", url="https://example.com/twiml")
    ),
}
receiver.shutdown()
print(json.dumps(result))
