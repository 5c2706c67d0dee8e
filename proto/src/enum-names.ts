// Names of the contract's enum values as the rest of the system shows them: the value's name
// without its type prefix ('LINE_STATE_IN_CALL' -> 'IN_CALL'). One lookup for the warehouse
// (which stores names) and the live feed (which sends them); each decides what an unset or
// unknown value becomes.

/** A protobufjs enum object: name -> number and number -> name. */
export type EnumObject = Readonly<Record<string, string | number>>;

/** The short name of `value`, or undefined for a number this build does not know (a newer device). */
export function enumShortName(enumObject: EnumObject, prefix: string, value: number): string | undefined {
  const full = enumObject[value];
  if (typeof full !== 'string') return undefined;
  return full.startsWith(prefix) ? full.slice(prefix.length) : full;
}
