// Direct API calls for test set-up and for acting as another person (the agent) while the
// browser shows the shopper's view. Real HTTP against the real server.
import { request as playwrightRequest } from "@playwright/test";

export async function signedInApi(baseURL, username) {
  const context = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { "x-complaint-desk": "1" },
  });
  const response = await context.post("/api/session", {
    data: { method: "demo", username },
  });
  if (!response.ok()) throw new Error(`sign-in as ${username}: ${response.status()}`);
  return new Api(context);
}

/** Ends a complaint a test opened (as the agent), so its order is free for the next test. */
export async function closeAsAgent(baseURL, id) {
  const agent = await signedInApi(baseURL, "demo-agent");
  const current = await agent.complaint(id);
  if (!["resolved", "closed", "withdrawn"].includes(current.status)) {
    await agent.transition(id, "close", current.version);
  }
  await agent.dispose();
}

class Api {
  constructor(context) {
    this.context = context;
  }

  async json(response) {
    const body = await response.json();
    if (!response.ok()) throw new Error(`${response.status()} ${JSON.stringify(body)}`);
    return body;
  }

  async complaints(query = "") {
    return this.json(await this.context.get(`/api/complaints${query}`));
  }

  async complaint(id) {
    return this.json(await this.context.get(`/api/complaints/${id}`));
  }

  async orders() {
    return this.json(await this.context.get("/api/orders"));
  }

  async fileComplaint(orderId, kind, description) {
    return this.json(
      await this.context.post("/api/complaints", {
        data: { order_id: orderId, kind, description },
      }),
    );
  }

  /** A fresh pending complaint on an order with no open complaint: each test its own. */
  async freshComplaint() {
    const orders = await this.orders();
    const free = orders.find((order) =>
      order.complaints.every((complaint) => ["resolved", "closed", "withdrawn"].includes(complaint.status)),
    );
    if (!free) throw new Error("no order without an open complaint is left");
    return this.fileComplaint(free.id, "quality", "收到的商品有明显划痕，和描述不一致。");
  }

  /**
   * Reports the seller's pressure on a complaint: a typed message in its conversation (what
   * the app sends). Answers the complaint as it then is, with its `pressure_reports`.
   */
  async reportPressure(id, note, kind = "demanded_withdrawal") {
    await this.json(
      await this.context.post(`/api/complaints/${id}/messages`, {
        data: { request: { type: "pressure_report", kind, note } },
        headers: { "idempotency-key": `e2e-pressure-${id}-${Date.now()}-${Math.random()}` },
      }),
    );
    return this.complaint(id);
  }

  /** As an agent: marks a pressure report handled (its card is posted in the conversation). */
  async handlePressure(id) {
    return this.json(await this.context.post(`/api/agent/pressure-reports/${id}/handle`, { data: {} }));
  }

  /** Writes in a complaint's conversation (the owner, or an agent; `more`: the other fields). */
  async sendMessage(id, text, more = {}) {
    return this.json(
      await this.context.post(`/api/complaints/${id}/messages`, {
        data: { text, ...more },
        headers: { "idempotency-key": `e2e-${Date.now()}-${Math.random()}` },
      }),
    );
  }

  /** As an agent: a platform move on a complaint the test saw at `version`. */
  async transition(id, move, version) {
    return this.json(
      await this.context.post(`/api/agent/complaints/${id}/transition`, {
        data: { move, expected_version: version },
      }),
    );
  }

  async dispose() {
    await this.context.dispose();
  }
}
