// The admin API's fault operations (openapi/mock-admin.yaml, tag Faults): add one, list them with their firings,
// delete one or all. The document checks each spec's fields; the registry checks what the document cannot say
// (a parameter of another kind, bounds the wrong way round) and answers with the same kind of message.
import { FaultSpecError } from "../faults/registry.js";
import type { AdminHandler } from "./admin-request.js";
import { AdminError, sendAdmin } from "./admin-response.js";
import type { StatefulMock } from "./runtime.js";

type FaultOperationId = "addFault" | "listFaults" | "deleteFault" | "clearFaults";

/** Tells the event stream's watchers (the inspector) the faults in place now; a firing comes with its request. */
const faultsChanged = (mock: StatefulMock) => mock.hub.publish("faults", () => ({ faults: mock.faults.list().faults }));

export const FAULT_HANDLERS: { [Id in FaultOperationId]: AdminHandler<Id> } = {
  addFault(mock, { body }, res) {
    try {
      sendAdmin(res, 201, mock.faults.add(body));
      faultsChanged(mock);
    } catch (error) {
      if (error instanceof FaultSpecError) throw new AdminError(error.status, error.message);
      throw error;
    }
  },
  listFaults: (mock, _input, res) => sendAdmin(res, 200, mock.faults.list()),
  deleteFault(mock, { path }, res) {
    if (!mock.faults.remove(path.id)) throw new AdminError(404, `no fault ${path.id}; GET /faults lists them`);
    sendAdmin(res, 204);
    faultsChanged(mock);
  },
  clearFaults(mock, _input, res) {
    mock.faults.clear();
    sendAdmin(res, 204);
    faultsChanged(mock);
  },
};
