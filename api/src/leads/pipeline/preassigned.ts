// An owner chosen before the pipeline ran: the SIP ingress (gateway/src/sip) must route a ringing
// call at once, so it decides the owner itself and hands its decision over in the ingest entry
// (`assign` field). The pipeline records that decision instead of deciding again, so the lead's
// owner is the agent whose phone rang and the round-robin counter is not advanced twice.
import type { AssignmentDecision } from '../domain/assignment.js';

/** The `assign` field of an ingest entry; anything but an `assigned` decision is ignored. */
export function preassignedFrom(raw: string | undefined): AssignmentDecision | null {
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Partial<AssignmentDecision>;
    if (d && d.kind === 'assigned' && typeof d.user_id === 'string' && d.user_id !== '' && Array.isArray(d.trail) && Array.isArray(d.skipped)) return d as AssignmentDecision;
  } catch {
    // A malformed hand-over is not worth losing the lead: the pipeline decides as usual.
  }
  return null;
}
