// Intl formatters, built once per locale, zone and options. Building one is costly (the runtime
// resolves locale data each time) and the dashboard formats a time for every row on every render,
// while the set of locales, zones and option sets a tab ever uses is a handful: kept for good.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** The one Intl.DateTimeFormat for `locale` (undefined: the runtime's) and `options` (zone included). */
export function dateTimeFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  // Call sites pass their options in a fixed order, so the JSON is a stable key.
  const key = `${locale ?? ""}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}
