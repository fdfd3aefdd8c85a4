/** Formatting for the reference UI. */

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/**
 * A message time: the hour today, the day before.
 * @param {string | number} when ISO-8601 string or epoch ms
 */
export function shortTime(when) {
  const date = new Date(typeof when === 'string' ? trimFraction(when) : when);
  if (Number.isNaN(date.getTime())) return '';
  return date.toDateString() === new Date().toDateString() ? timeFormat.format(date) : dayFormat.format(date);
}

/**
 * The full date and time, for titles.
 * @param {string | number} when
 */
export function fullTime(when) {
  const date = new Date(typeof when === 'string' ? trimFraction(when) : when);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString();
}

/** The server writes up to 9 fraction digits; Date wants at most 3. @param {string} iso */
function trimFraction(iso) {
  return iso.replace(/(\.\d{3})\d+/, '$1');
}

/**
 * "Alice is typing…", "Alice and Bob are typing…", "Alice, Bob and 2 others are typing…".
 * @param {string[]} names
 */
export function typingLine(names) {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} others are typing…`;
}

/** @param {number} ms */
export function seconds(ms) {
  return Math.max(0, Math.ceil(ms / 1000));
}

/** Initials for an avatar. @param {string} name */
export function initials(name) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [name.trim()];
  return letters.map((w) => [...w][0] ?? '').join('').toUpperCase().slice(0, 2) || '?';
}

/**
 * A stable hue for a user, so each user keeps one avatar color.
 * @param {string} userId
 */
export function hue(userId) {
  let h = 0;
  for (const c of userId) h = (h * 31 + (c.codePointAt(0) ?? 0)) % 360;
  return h;
}
