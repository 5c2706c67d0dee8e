// Plausible Chinese mobile numbers for demo calls (11 digits, real operator prefixes). They are
// random, not real subscribers; the gateway normalises them to E.164 like any dialled number.
import { uniformInt, type Rng } from './rng.js';

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139',
  '147', '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '166', '173', '175', '176', '177', '178', '180', '181', '182', '183',
  '184', '185', '186', '187', '188', '189', '191', '198', '199',
] as const;

export function randomChineseMobile(rng: Rng): string {
  const prefix = MOBILE_PREFIXES[uniformInt(rng, 0, MOBILE_PREFIXES.length - 1)] as string;
  let rest = '';
  for (let i = 0; i < 8; i++) rest += String(uniformInt(rng, 0, 9));
  return prefix + rest;
}
