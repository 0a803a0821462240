// Good and bad TwiML documents with the verdict each must get: its errors and warnings as "path rule", in document
// order. Every verb of both kinds of TwiML appears at least once (the test checks that against the vocabulary).
import type { TwimlKind } from "../../src/twiml/index.js";

export interface CatalogueEntry {
  name: string;
  kind?: TwimlKind;
  xml: string;
  errors?: string[];
  warnings?: string[];
}

export const SEED_004_GATHER = `<Response>
    <Gather numDigits="1" action="foo.php">
        <Play>welcome.php<Play>
        <Say>
            Press "1" to be connected to hear
            about Alexander Graham Bell, the
            inventor of the telephone. Press "2"
            to hear why Thomas Edison was a
            dastardly villian.
        </Say>
    </Gather>
</Response>`;

// Seed 004's reply to an incoming text: <Sms> was how an app answered one in 2010, before <Message>.
export const SEED_004_SMS_REPLY = `<Response>
    <Sms>
        Thanks for texting the Alexander Graham Bell
        hotline! An interesting fact about A.G.B. -
        he once tried to save a president's life.
    </Sms>
    <Redirect>
        http://myserver.com/handlePostFlightSms
    </Redirect>
</Response>`;

export const CATALOGUE: CatalogueEntry[] = [
  // Good voice TwiML: every verb under <Response>, and the nouns they hold.
  { name: "Say, the smallest useful document", xml: "<Response><Say>Hello from the contract</Say></Response>" },
  {
    name: "XML declaration, comments, CDATA and entities around a Say",
    xml: `<?xml version="1.0" encoding="UTF-8"?>
<!-- a greeting -->
<Response>
  <Say voice="Polly.Joanna" language="en-US" loop="2">Tom &amp; Jerry&#39;s &#x41;ccount <![CDATA[<is> open]]></Say>
</Response>
`,
  },
  {
    name: "Play a URL in a loop, then Play digits",
    xml: '<Response><Play loop="3">https://example.com/hold.mp3</Play><Play digits="wwww3"/></Response>',
  },
  { name: "Pause, then Say", xml: '<Response><Pause length="2"/><Say>Still there?</Say></Response>' },
  {
    name: "Gather with Say, Play and Pause inside and a relative action",
    xml: `<Response>
  <Gather input="dtmf speech" numDigits="1" action="/menu" method="POST" timeout="5" language="en-GB">
    <Say>Press 1 for sales.</Say>
    <Pause length="1"/>
    <Play>https://example.com/press-one.mp3</Play>
  </Gather>
  <Say>We did not hear anything.</Say>
</Response>`,
  },
  {
    name: "Dial a Number in E.164 with a caller ID, timeout and recording",
    xml: `<Response>
  <Dial callerId="+14155550199" timeout="20" timeLimit="600" record="record-from-answer" hangupOnStar="true">
    <Number sendDigits="ww123" statusCallbackEvent="initiated ringing answered completed"
            statusCallback="https://example.com/status">+14155550100</Number>
  </Dial>
</Response>`,
  },
  {
    name: "Dial a Client with an Identity and Parameters",
    xml: `<Response><Dial><Client><Identity>alice</Identity><Parameter name="ticket" value="42"/></Client></Dial></Response>`,
  },
  {
    name: "Dial a Sip URI with credentials and a Uri with headers",
    xml: `<Response>
  <Dial>
    <Sip username="pat" password="not-shown">sip:pat@example.com;transport=tls</Sip>
  </Dial>
</Response>`,
  },
  {
    name: "Dial a Sip with Uri and Headers nouns",
    xml: `<Response><Dial><Sip><Uri priority="1">sip:desk@example.com</Uri><Headers><Header name="X-Ticket" value="7"/></Headers></Sip></Dial></Response>`,
  },
  {
    name: "Dial a Conference with events, beep and a participant limit",
    xml: `<Response><Dial><Conference beep="onEnter" maxParticipants="10" startConferenceOnEnter="true"
      statusCallbackEvent="start end join leave" waitUrl="https://example.com/wait">Room 1234</Conference></Dial></Response>`,
  },
  {
    name: "Dial a Queue, an Application, a Sim and a WhatsApp number",
    xml: `<Response>
  <Dial><Queue url="https://example.com/about-to-connect">support</Queue></Dial>
  <Dial><Application><ApplicationSid>AP0123456789abcdef0123456789abcdef</ApplicationSid></Application></Dial>
  <Dial><Sim>DE0123456789abcdef0123456789abcdef</Sim></Dial>
  <Dial><WhatsApp>+14155550100</WhatsApp></Dial>
</Response>`,
  },
  {
    name: "Dial with the number as text, as Twilio's own <Dial> example does",
    xml: "<Response><Dial>415-123-4567</Dial></Response>",
  },
  {
    name: "Enqueue with a Task and a wait URL",
    xml: `<Response><Enqueue workflowSid="WW0123456789abcdef0123456789abcdef" waitUrl="/wait"><Task priority="5">{"lang":"en"}</Task></Enqueue></Response>`,
  },
  { name: "Enqueue by name", xml: "<Response><Enqueue>support</Enqueue></Response>" },
  {
    name: "Record a message with a beep and a transcription",
    xml: `<Response><Say>Leave a message.</Say><Record maxLength="30" playBeep="true" transcribe="true"
      transcribeCallback="https://example.com/transcribed" trim="trim-silence" finishOnKey="#"/></Response>`,
  },
  { name: "Leave a queue from its wait document", xml: "<Response><Say>Moving you on.</Say><Leave/></Response>" },
  { name: "Echo for a sound check", xml: "<Response><Echo/></Response>" },
  {
    name: "Connect a Stream over wss with Parameters",
    xml: `<Response><Connect action="/after"><Stream url="wss://media.example.com/stream" track="inbound_track">
      <Parameter name="caller" value="+14155550100"/></Stream></Connect></Response>`,
  },
  {
    name: "Connect a ConversationRelay with a Language",
    xml: `<Response><Connect><ConversationRelay url="wss://relay.example.com/ws" welcomeGreeting="Hi" dtmfDetection="true">
      <Language code="fr-FR" voice="Google.fr-FR-Neural2-A"/></ConversationRelay></Connect></Response>`,
  },
  {
    name: "Connect a Room and a VirtualAgent with Config",
    xml: `<Response><Connect><Room participantIdentity="bot">support-room</Room></Connect>
<Connect><VirtualAgent connectorName="agent"><Config name="language" value="en-US"/></VirtualAgent></Connect></Response>`,
  },
  {
    name: "Start a Stream, a Recording, a Transcription and a Siprec, then Stop the Stream",
    xml: `<Response>
  <Start><Stream name="s1" url="wss://media.example.com/s1"/></Start>
  <Start><Recording recordingStatusCallback="/rec" channels="dual" track="both"/></Start>
  <Start><Transcription statusCallbackUrl="https://example.com/tx" partialResults="true"/></Start>
  <Start><Siprec connectorName="recorder"/></Start>
  <Say>Recording this call.</Say>
  <Stop><Stream name="s1"/></Stop>
</Response>`,
  },
  {
    name: "Pay with a Prompt that says and plays",
    xml: `<Response><Pay chargeAmount="10.00" currency="usd" paymentMethod="credit-card" validCardTypes="visa mastercard amex">
  <Prompt for="payment-card-number" attempt="1 2"><Say>Enter your card number.</Say><Play>https://example.com/tone.mp3</Play></Prompt>
</Pay></Response>`,
  },
  {
    name: "Prompt at the top level, as the builder allows",
    xml: '<Response><Prompt for="security-code"><Pause length="1"/></Prompt></Response>',
  },
  {
    name: "Refer to a SIP address",
    xml: '<Response><Refer action="/refer-done"><Sip>sip:agent@example.com</Sip></Refer></Response>',
  },
  {
    name: "Queue at the top level",
    xml: '<Response><Queue url="https://example.com/bridge">support</Queue></Response>',
  },
  {
    name: "Say with SSML: prosody, break, say-as, emphasis, lang and sub",
    xml: `<Response><Say voice="Polly.Amy">Hello <break strength="medium" time="500ms"/>
  <prosody rate="slow">slowly</prosody>, your code is <say-as interpret-as="digits">1234</say-as>.
  <emphasis level="strong">Now</emphasis> <lang xml:lang="fr-FR">merci</lang> <sub alias="World Wide Web">WWW</sub>
</Say></Response>`,
  },
  { name: "Reject as busy", xml: '<Response><Reject reason="busy"/></Response>' },
  { name: "Hangup after a goodbye", xml: "<Response><Say>Goodbye.</Say><Hangup/></Response>" },
  {
    name: "Redirect by GET, last",
    xml: '<Response><Redirect method="GET">https://example.com/next</Redirect></Response>',
  },
  { name: "an empty Response runs and hangs up", xml: "<Response/>" },

  // Good messaging TwiML.
  {
    name: "messaging: a Message with Body and Media",
    kind: "messaging",
    xml: `<Response><Message action="/sent"><Body>Here is the map.</Body><Media>https://example.com/map.png</Media></Message></Response>`,
  },
  {
    name: "messaging: a plain Message, then Redirect",
    kind: "messaging",
    xml: `<Response><Message to="+14155550100" from="+14155550199">Thanks!</Message><Redirect>/next</Redirect></Response>`,
  },

  // Seeds.
  {
    name: "seed 004: <Play>welcome.php<Play> never closed",
    xml: SEED_004_GATHER,
    errors: ["Response/Gather[1]/Play[1] unclosed", "Response/Gather[1]/Play[1]/Play[1] unclosed"],
  },
  {
    name: "seed 004: its <Sms> reply in voice TwiML runs, but is legacy",
    xml: SEED_004_SMS_REPLY,
    warnings: ["Response/Sms[1] legacy-sms"],
  },
  {
    name: "seed 004: its <Sms> reply to a text, in messaging TwiML, runs with one legacy warning",
    kind: "messaging",
    xml: SEED_004_SMS_REPLY,
    warnings: ["Response/Sms[1] legacy-sms"],
  },

  // Malformed XML: only the well-formedness errors are listed.
  { name: "an empty document", xml: "", errors: ["(document) xml"] },
  { name: "an unquoted attribute", xml: "<Response><Pause length=2/></Response>", errors: ["Response/Pause[1] xml"] },
  {
    name: "a bare ampersand in text",
    xml: "<Response><Say>Tom & Jerry</Say></Response>",
    errors: ["Response/Say[1] xml"],
  },
  { name: "an entity no DTD defines", xml: "<Response><Say>&nbsp;</Say></Response>", errors: ["Response/Say[1] xml"] },
  {
    name: "a DOCTYPE declaring an entity is not read",
    xml: '<!DOCTYPE Response [<!ENTITY big "x">]><Response><Say>hi</Say></Response>',
    errors: ["(document) xml"],
  },
  { name: "two roots", xml: "<Response/><Response/>", errors: ["(document) xml"] },
  { name: "text after the root", xml: "<Response/>trailing", errors: ["(document) xml"] },
  {
    name: "a duplicate attribute",
    xml: '<Response><Pause length="1" length="2"/></Response>',
    errors: ["Response/Pause[1] xml"],
  },
  {
    name: "a closing tag that closes nothing",
    xml: "<Response><Say>hi</Say></Play></Response>",
    errors: ["Response end-tag"],
  },
  {
    name: "an element still open at the end, named at its own line",
    xml: "<Response>\n  <Say>hi</Say>\n  <Gather>\n",
    errors: ["Response unclosed", "Response/Gather[1] unclosed"],
  },
  {
    name: "an XML declaration that is not first",
    xml: ' <?xml version="1.0"?><Response/>',
    errors: ["(document) xml"],
  },

  // Structure.
  { name: "a root other than Response", xml: "<Respond><Say>hi</Say></Respond>", errors: ["Respond root"] },
  {
    name: "a misspelt verb",
    xml: '<Response><Paus length="1"/></Response>',
    errors: ["Response/Paus[1] unknown-element"],
  },
  {
    name: "a verb in lower case",
    xml: "<Response><say>hi</say></Response>",
    errors: ["Response/say[1] unknown-element"],
  },
  {
    name: "Hangup inside Dial",
    xml: "<Response><Dial><Number>+14155550100</Number><Hangup/></Dial></Response>",
    errors: ["Response/Dial[1]/Hangup[1] allowed-child"],
  },
  {
    name: "Dial inside Gather",
    xml: "<Response><Gather><Dial>+14155550100</Dial></Gather></Response>",
    errors: ["Response/Gather[1]/Dial[1] allowed-child"],
  },
  {
    name: "Message in voice TwiML",
    xml: "<Response><Message>hi</Message></Response>",
    errors: ["Response/Message[1] messaging-verb"],
  },
  {
    name: "messaging: Say in messaging TwiML",
    kind: "messaging",
    xml: "<Response><Say>hi</Say></Response>",
    errors: ["Response/Say[1] voice-verb"],
  },
  {
    name: "messaging: Media outside Message",
    kind: "messaging",
    xml: "<Response><Media>https://example.com/a.png</Media></Response>",
    errors: ["Response/Media[1] allowed-child"],
  },

  // Attributes.
  {
    name: "a misspelt attribute",
    xml: '<Response><Gather numDigit="1"><Say>hi</Say></Gather></Response>',
    errors: ["Response/Gather[1] known-attribute"],
  },
  {
    name: "an attribute on an element that takes none",
    xml: '<Response><Hangup reason="x"/></Response>',
    errors: ["Response/Hangup[1] known-attribute"],
  },
  {
    name: "a word for a number",
    xml: '<Response><Dial timeout="ten">+14155550100</Dial></Response>',
    errors: ["Response/Dial[1] type"],
  },
  {
    name: "numDigits of 0",
    xml: '<Response><Gather numDigits="0"><Say>hi</Say></Gather></Response>',
    errors: ["Response/Gather[1] minimum"],
  },
  {
    name: "a conference larger than 250",
    xml: '<Response><Dial><Conference maxParticipants="500">big</Conference></Dial></Response>',
    errors: ["Response/Dial[1]/Conference[1] maximum"],
  },
  {
    name: "yes for a boolean",
    xml: '<Response><Record playBeep="yes"/></Response>',
    errors: ["Response/Record[1] type"],
  },
  {
    name: "a reason Reject does not know",
    xml: '<Response><Reject reason="declined"/></Response>',
    errors: ["Response/Reject[1] enum"],
  },
  {
    name: "PUT as a method",
    xml: '<Response><Redirect method="PUT">https://example.com/next</Redirect></Response>',
    errors: ["Response/Redirect[1] enum"],
  },
  {
    name: "a misspelt event in a list",
    xml: '<Response><Dial><Number statusCallbackEvent="initiated answerd">+14155550100</Number></Dial></Response>',
    errors: ["Response/Dial[1]/Number[1] enum"],
  },
  {
    name: "a voice the SDK does not list",
    xml: '<Response><Say voice="alise">hi</Say></Response>',
    errors: ["Response/Say[1] enum"],
  },
  {
    name: "an ftp action URL",
    xml: '<Response><Record action="ftp://example.com/up"/></Response>',
    errors: ["Response/Record[1] url"],
  },

  // Text.
  {
    name: "a URL with a space in Play",
    xml: "<Response><Play>https://example.com/hold music.mp3</Play></Response>",
    errors: ["Response/Play[1] url"],
  },
  {
    name: "a host with an underscore in Redirect",
    xml: "<Response><Redirect>https://my_host.example.com/next</Redirect></Response>",
    errors: ["Response/Redirect[1] url"],
  },
  {
    // Twilio's docs and TwilioDevEd/twiml-generator (assets/dial.xml) write <Number>415-123-4567</Number>.
    name: "a national number in Number, as Twilio's docs write it, and one with separators",
    xml: "<Response><Dial><Number>415-123-4567</Number><Number>+1 415-555-0100</Number></Dial></Response>",
    warnings: ["Response/Dial[1]/Number[1] e164", "Response/Dial[1]/Number[2] e164"],
  },
  {
    name: "a Client identity in Number",
    xml: "<Response><Dial><Number>client:joey</Number></Dial></Response>",
    errors: ["Response/Dial[1]/Number[1] phone"],
  },
  {
    name: "a SIP address without its scheme",
    xml: "<Response><Dial><Sip>pat@example.com</Sip></Dial></Response>",
    errors: ["Response/Dial[1]/Sip[1] sip"],
  },
  {
    name: "text straight inside Gather",
    xml: "<Response><Gather>Press 1<Say>hi</Say></Gather></Response>",
    errors: ["Response/Gather[1] text-content"],
  },
  {
    name: "a Redirect with no URL",
    xml: "<Response><Redirect/></Response>",
    errors: ["Response/Redirect[1] required-content"],
  },
  {
    name: "a Dial with nowhere to call",
    xml: "<Response><Dial/></Response>",
    errors: ["Response/Dial[1] required-content"],
  },

  // Runs, but surely a mistake.
  {
    name: "verbs after Hangup",
    xml: "<Response><Hangup/><Say>never</Say><Play>https://example.com/a.mp3</Play></Response>",
    warnings: ["Response/Say[1] unreachable", "Response/Play[1] unreachable"],
  },
  {
    name: "a verb after Reject",
    xml: "<Response><Reject/><Say>never</Say></Response>",
    warnings: ["Response/Say[1] unreachable"],
  },
  {
    name: "a verb after Redirect",
    xml: "<Response><Redirect>/next</Redirect><Hangup/></Response>",
    warnings: ["Response/Hangup[1] unreachable"],
  },
  {
    name: "a verb after a Dial with an action",
    xml: '<Response><Dial action="/after-dial">+14155550100</Dial><Say>never</Say></Response>',
    warnings: ["Response/Say[1] unreachable"],
  },
  {
    name: "messaging: a Message after Redirect",
    kind: "messaging",
    xml: "<Response><Redirect>/next</Redirect><Message>never</Message></Response>",
    warnings: ["Response/Message[1] unreachable"],
  },
];
