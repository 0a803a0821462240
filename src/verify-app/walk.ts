// `follows-actions`: the app's menu walked without a phone. From the voice URL's document, each action of its Gather,
// Record and Dial is requested with each thing the caller or the call may do (actions.ts), each document that comes
// back is judged and walked in turn, breadth first, to a depth limit; a document already walked is not walked again.
// The result is the tree the menu map draws: each document, its verbs, where each branch leads, what failed where.

import { readTwimlTree, type TwimlNode } from "../twiml/tree.js";
import { validateWebhook } from "../validation/index.js";
import { type Action, type ActionBranch, actionsOf, mayRequest } from "./actions.js";
import type { AppOutcome } from "./checks.js";
import { MAX_ACTION_REQUESTS } from "./limits.js";
import type { AppRequest } from "./plan.js";
import type { AppExchange } from "./send.js";

export interface MenuNode {
  /** How the call got here: `the voice URL`, or the branches taken, `Digits=1 → DialCallStatus=busy`. */
  via: string;
  /** The request, `POST http://127.0.0.1:3000/menu`. */
  request: string;
  /** The response in words, `200, text/xml in 3 ms`, or why there was none. */
  response: string;
  /** The document's elements in order, each with its nesting depth under <Response>. */
  verbs: Array<{ depth: number; text: string }>;
  /** The checks this request failed, with why. */
  failed: Array<{ check: string; severity: string; message: string }>;
  children: MenuNode[];
  /** Set when another branch led to the same document, which was walked there. */
  repeated?: true;
  /** Why the walk did not go on from here, when it did not. */
  note?: string;
}

export interface WalkContext {
  /** Sends a request; undefined when the run's time is up. */
  send(request: AppRequest): Promise<AppExchange | undefined>;
  /** Runs the checks on an exchange and keeps their outcomes. */
  judge(exchange: AppExchange): AppOutcome[];
  skip(subject: string, reason: string): void;
  maxDepth: number;
  allowRemote: boolean;
}

const SHOWN = 160;

const cut = (text: string) => (text.length > SHOWN ? `${text.slice(0, SHOWN - 1)}…` : text);

function verbLines(node: TwimlNode, depth = 0): Array<{ depth: number; text: string }> {
  const attributes = Object.entries(node.attributes).map(([name, value]) => ` ${name}="${cut(value)}"`);
  const text = node.text ? `: ${cut(node.text)}` : "";
  const own = depth === 0 ? [] : [{ depth: depth - 1, text: `${node.tag}${attributes.join("")}${text}` }];
  return [...own, ...node.children.flatMap((child) => verbLines(child, depth + 1))];
}

/** A map node for an exchange and the outcomes of its checks. */
export function menuNode(via: string, exchange: AppExchange, outcomes: AppOutcome[]): MenuNode {
  const root = exchange.twiml?.valid ? readTwimlTree(exchange.body) : undefined;
  return {
    via,
    request: exchange.line,
    response: outcomes[0]?.actual ?? exchange.failure ?? String(exchange.status),
    verbs: root ? verbLines(root) : [],
    failed: outcomes
      .filter((o) => !o.passed)
      .map((o) => ({ check: o.check, severity: o.severity, message: o.details.join("; ") || o.actual })),
    children: [],
  };
}

const documentKey = (e: AppExchange) => `${e.request.method} ${e.line} ${e.body}`;

function actionRequest(base: AppRequest, action: Action, branch: ActionBranch, via: string): AppRequest {
  const params = { ...base.params, ...branch.params };
  return { webhook: "voiceRequest", kind: "action", subject: via, url: action.url, method: action.method, params };
}

interface Pending {
  node: MenuNode;
  exchange: AppExchange;
  depth: number;
}

/** One branch of one action: requested, judged, and queued for walking when its document is new. */
async function followBranch(
  from: Pending,
  action: Action,
  branch: ActionBranch,
  state: { context: WalkContext; seen: Set<string>; queue: Pending[]; base: AppRequest },
): Promise<void> {
  const { context, seen, queue, base } = state;
  const via = from.depth === 0 ? branch.label : `${from.node.via} → ${branch.label}`;
  const request = actionRequest(base, action, branch, via);
  if (!mayRequest(action.url, context.allowRemote)) {
    context.skip(via, `not sent: ${action.url} is not on this machine; pass --allow-remote to follow it`);
    return;
  }
  const check = validateWebhook("voiceRequest", request.params);
  if (!check.valid) {
    context.skip(via, `not sent: the spec's validator refuses it (${check.violations[0]?.message})`);
    return;
  }
  const exchange = await context.send(request);
  if (!exchange) return;
  const node = menuNode(via, exchange, context.judge(exchange));
  from.node.children.push(node);
  if (!exchange.twiml?.valid) return;
  const key = documentKey(exchange);
  if (seen.has(key)) {
    node.repeated = true;
    node.note = "the same document as another branch, walked there";
  } else {
    seen.add(key);
    queue.push({ node, exchange, depth: from.depth + 1 });
  }
}

/** Walks the menu from the voice URL's exchange; `root` is its map node, to which the walked branches are added. */
export async function walkMenu(rootExchange: AppExchange, root: MenuNode, context: WalkContext): Promise<void> {
  const queue: Pending[] = rootExchange.twiml?.valid ? [{ node: root, exchange: rootExchange, depth: 0 }] : [];
  const state = { context, seen: new Set([documentKey(rootExchange)]), queue, base: rootExchange.request };
  let sent = 0;
  for (let at = queue.shift(); at; at = queue.shift()) {
    const tree = readTwimlTree(at.exchange.body);
    const actions = tree ? actionsOf(tree, at.exchange.request.url) : [];
    if (actions.length > 0 && at.depth >= context.maxDepth) {
      at.node.note = `not walked further: the depth limit is ${context.maxDepth}`;
      continue;
    }
    for (const action of actions)
      for (const branch of action.branches) {
        if (sent >= MAX_ACTION_REQUESTS) {
          at.node.note = `not walked further: ${MAX_ACTION_REQUESTS} action requests were sent`;
          return;
        }
        sent += 1;
        await followBranch(at, action, branch, state);
      }
  }
}
