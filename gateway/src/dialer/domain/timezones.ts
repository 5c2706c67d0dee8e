// The callee's local clock: ISO region → IANA time zone, and a wall-clock reading in that zone.
// Pure (Intl is part of the language, not I/O). Countries spanning several zones get the zone
// most of their population lives in; a finer choice needs the number's area code.

const REGION_TZ: Readonly<Record<string, string>> = {
  CN: 'Asia/Shanghai',
  HK: 'Asia/Hong_Kong',
  MO: 'Asia/Macau',
  TW: 'Asia/Taipei',
  SG: 'Asia/Singapore',
  MY: 'Asia/Kuala_Lumpur',
  // Eastern time: the largest share of US population; a central/western callee is only ever
  // called later in their own day, never before the window opens.
  US: 'America/New_York',
  CA: 'America/Toronto',
  GB: 'Europe/London',
  JP: 'Asia/Tokyo',
  KR: 'Asia/Seoul',
  AU: 'Australia/Sydney',
  IN: 'Asia/Kolkata',
  DE: 'Europe/Berlin',
  FR: 'Europe/Paris',
};

export function regionTimeZone(region: string, fallback: string): string {
  return REGION_TZ[region.toUpperCase()] ?? fallback;
}

export interface LocalTime {
  /** yyyymmdd in the zone (the per-day attempt cap's day). */
  ymd: string;
  /** Minutes since local midnight. */
  minuteOfDay: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function localTime(nowMs: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(nowMs)) parts[p.type] = p.value;
  return {
    ymd: `${parts.year}${parts.month}${parts.day}`,
    minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
    isoWeekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

/** Whether a zone name is one Intl knows (config validation). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
