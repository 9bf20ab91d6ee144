"""Word error rate, for tests and benchmarks that check what the engines hear."""

import re

DIGITS = {
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    "es": ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
}
SPELLINGS = {"neighbours": "neighbors"}


def normalise(text, language):
    """Lower case, no punctuation, digits read one by one (as the narrators said them)."""
    text = re.sub(r"\d", lambda m: f" {DIGITS[language][int(m.group())]} ", text.lower())
    return [SPELLINGS.get(word, word) for word in re.sub(r"[^\w\s]", " ", text).split()]


def word_error_rate(reference, hypothesis, language):
    """(substitutions + deletions + insertions) / reference words, by edit distance."""
    ref, hyp = normalise(reference, language), normalise(hypothesis, language)
    previous = list(range(len(hyp) + 1))
    for i, ref_word in enumerate(ref, start=1):
        current = [i]
        for j, hyp_word in enumerate(hyp, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref_word != hyp_word))
            )
        previous = current
    return previous[-1] / max(len(ref), 1)
