// Proto enums as the short names the warehouse stores: the enum value name without its type
// prefix ('HANGUP_CAUSE_NO_ANSWER' -> 'NO_ANSWER'), '' for the UNSPECIFIED zero value (so that
// max() over partial rows prefers any reported value), and 'UNKNOWN_<n>' for a number this
// build does not know (a newer device), which is kept rather than dropped.
import { CallDirection, HangupCause, HangupParty, LineState, Presence, SimState, enumShortName, type EnumObject } from '../../../proto/src/index.js';

function shortName(enumObject: EnumObject, prefix: string, value: number | null | undefined): string {
  if (value === null || value === undefined || value === 0) return '';
  return enumShortName(enumObject, prefix, value) ?? `UNKNOWN_${value}`;
}

export const causeName = (v: number | null | undefined): string =>
  shortName(HangupCause as unknown as EnumObject, 'HANGUP_CAUSE_', v);
export const partyName = (v: number | null | undefined): string =>
  shortName(HangupParty as unknown as EnumObject, 'HANGUP_PARTY_', v);
export const directionName = (v: number | null | undefined): string =>
  shortName(CallDirection as unknown as EnumObject, 'CALL_DIRECTION_', v);
export const presenceName = (v: number | null | undefined): string =>
  shortName(Presence as unknown as EnumObject, 'PRESENCE_', v);
export const lineStateName = (v: number | null | undefined): string =>
  shortName(LineState as unknown as EnumObject, 'LINE_STATE_', v);
export const simStateName = (v: number | null | undefined): string =>
  shortName(SimState as unknown as EnumObject, 'SIM_STATE_', v);
