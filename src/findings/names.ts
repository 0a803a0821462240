// Names as a finding words them: a list joined the way a person says it, and the known name a misspelt one was
// probably meant to be. Field names, TwiML verbs, attributes and enum values all go through these.

export function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

/**
 * The known name a misspelt one was probably meant to be: the same name in another case, or one within 2 edits.
 * A name much longer than every known one cannot be within 2 edits, so it costs nothing, and candidates whose
 * length alone rules them out are skipped.
 */
export function closestName(name: string, known: string[]): string | undefined {
  if (name.length > 64) return undefined;
  const lower = name.toLowerCase();
  const same = known.find((candidate) => candidate.toLowerCase() === lower);
  if (same) return same;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
