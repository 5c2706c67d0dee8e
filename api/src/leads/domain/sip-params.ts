// The SIP settings of a PHONE_CALL scene (spec 000 §四.3 scene_specific_params: "监控的电话号码"),
// read by the gateway's SIP ingress (gateway/src/sip) and checked when a scene is saved, so a
// typo is a 422 rather than a number that silently never rings. Pure.
import { normalizePhone } from '../../../../common/pii.js';

/** What a PHONE_CALL scene's scene_specific_params say about SIP (spec 000 §四.3 "监控的电话号码"). */
export interface SceneSipParams {
  /** E.164 numbers this scene answers for. */
  monitoredNumbers: string[];
  /** user_id → SIP URI of the agent's line: where a call for that owner goes. */
  agentSipUris: Map<string, string>;
  mode: 'redirect' | 'proxy' | null;
  queueUri: string | null;
}

export interface ParamProblem {
  field: string;
  message: string;
}

const SIP_URI = /^sips?:[^\s<>"]+$/i;

/**
 * Reads `monitored_numbers` (string[]), `agent_sip_uris` ({user_id: uri}), `sip_routing_mode`
 * and `sip_queue_uri`. Bad entries are reported and left out, so one typo never unmonitors the
 * rest; the scene route turns the problems into a 422.
 */
export function sipParamsOf(params: Record<string, unknown> | null | undefined, region: string): { params: SceneSipParams; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  const out: SceneSipParams = { monitoredNumbers: [], agentSipUris: new Map(), mode: null, queueUri: null };
  const p = params ?? {};
  const nums = p.monitored_numbers;
  if (nums !== undefined && nums !== null) {
    if (!Array.isArray(nums)) problems.push({ field: 'scene_specific_params.monitored_numbers', message: 'an array of phone numbers' });
    else nums.forEach((n, i) => {
      const e164 = typeof n === 'string' ? normalizePhone(n, region) : null;
      if (!e164) problems.push({ field: `scene_specific_params.monitored_numbers[${i}]`, message: 'not a phone number' });
      else if (!out.monitoredNumbers.includes(e164)) out.monitoredNumbers.push(e164);
    });
  }
  const uris = p.agent_sip_uris;
  if (uris !== undefined && uris !== null) {
    if (typeof uris !== 'object' || Array.isArray(uris)) problems.push({ field: 'scene_specific_params.agent_sip_uris', message: 'an object of user_id → SIP URI' });
    else for (const [user, uri] of Object.entries(uris as Record<string, unknown>)) {
      if (typeof uri === 'string' && SIP_URI.test(uri)) out.agentSipUris.set(user, uri);
      else problems.push({ field: `scene_specific_params.agent_sip_uris.${user}`, message: 'not a sip: or sips: URI' });
    }
  }
  const mode = p.sip_routing_mode;
  if (mode === 'redirect' || mode === 'proxy') out.mode = mode;
  else if (mode !== undefined && mode !== null) problems.push({ field: 'scene_specific_params.sip_routing_mode', message: 'redirect or proxy' });
  const q = p.sip_queue_uri;
  if (typeof q === 'string' && SIP_URI.test(q)) out.queueUri = q;
  else if (q !== undefined && q !== null && q !== '') problems.push({ field: 'scene_specific_params.sip_queue_uri', message: 'not a sip: or sips: URI' });
  return { params: out, problems };
}
