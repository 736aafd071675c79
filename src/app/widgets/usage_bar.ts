/**
 * The header's usage bars (Pipes, Connections): `[|||||      250/1000]`, 60 characters.
 *
 * @module
 */

/** A bar `width` wide for cur of max; cur is clamped to 0..max, a max of 0 gives an empty bar. */
export function usageBar(cur: number | undefined, max: number | undefined, width = 60): string {
  const m = Math.max(0, max ?? 0);
  const c = Math.max(0, Math.min(m, cur ?? 0));
  const text = `${cur ?? "?"}/${max ?? "?"}`;
  const inner = width - 2;
  const used = m > 0 ? c / m : 0;
  const fill = Math.floor(inner * used);
  const room = Math.max(0, inner - text.length - 1);
  const body = ("|".repeat(fill) + " ".repeat(inner)).slice(0, room);
  return `[${body.padEnd(inner - text.length)}${text}]`.slice(0, width);
}
