/**
 * What tests need from the real-HAProxy lab, in one import.
 *
 * @module
 */
export {
  closedPort,
  ensureHaproxy,
  findHaproxy,
  freePort,
  type Lab,
  type LabContext,
  type LabOptions,
  type LabSockets,
  listenLoopback,
  oneShot,
  startLab,
} from "../../scripts/lab/haproxy.ts";
export {
  checkOf,
  HTTP_DEFAULTS,
  manyServersBody,
  mixedBody,
  mixedSettled,
  startMixedLab,
  statusOf,
} from "../../scripts/lab/configs.ts";
