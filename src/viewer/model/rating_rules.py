"""The framework's rules applied to an inspection: computed ratings, score and disagreements.

Published values are the record. These functions compute what the rules say, side by side with what
was published, and never overwrite a published value.
"""

from __future__ import annotations

from dataclasses import dataclass

from viewer.model.framework import Band, Framework, Rule, StandardDefinition
from viewer.model.inspection import Inspection, KeyQuestion, Standard
from viewer.model.ratings import Rating, label_or_missing


@dataclass(frozen=True)
class CasesNeeded:
    """How many more 'Yes' answers the deciding key question needs to reach the next band."""

    next_rating: Rating
    target_percent: float
    more_yes: int
    total: int
    approximate: bool
    others_below: tuple[str, ...]  # other key questions of the standard also under the target

    @property
    def text(self) -> str:
        about = "about " if self.approximate else ""
        line = (
            f"{about}{self.more_yes} more of {self.total} cases answering 'Yes' to the deciding question "
            f"would reach {self.target_percent:g}% ({self.next_rating.label})"
        )
        if self.approximate:
            line += "; approximate, because the number of cases behind each question is not published"
        if self.others_below:
            line += f"; {len(self.others_below)} other question(s) are also below {self.target_percent:g}%"
        return line


@dataclass(frozen=True)
class StandardAssessment:
    code: str
    name: str
    domain: int | None
    published: Rating | None
    computed: Rating | None
    rule: str
    lowest: KeyQuestion | None = None
    band: Band | None = None
    cases_needed: CasesNeeded | None = None

    @property
    def lowest_percent(self) -> float | None:
        return self.lowest.percent_yes if self.lowest else None

    @property
    def disagrees(self) -> bool:
        return self.published is not None and self.computed is not None and self.published != self.computed

    @property
    def scored_rating(self) -> Rating | None:
        """The rating that counts towards the computed score: computed if possible, else published."""
        return self.computed if self.computed is not None else self.published


@dataclass(frozen=True)
class OverallAssessment:
    published_rating: Rating | None
    published_score: int | None
    computed_score: int | None
    computed_rating: Rating | None
    max_score: int | None  # None: the framework gives no score
    rule: str
    band: Band | None = None

    def score_text(self, score: int | None) -> str | None:
        """"4/21", or "4" when the framework's maximum is not known; None for no score."""
        if score is None:
            return None
        return f"{score}/{self.max_score}" if self.max_score is not None else f"{score}"

    @property
    def score_disagrees(self) -> bool:
        return None not in (self.published_score, self.computed_score) and self.published_score != self.computed_score

    @property
    def rating_disagrees(self) -> bool:
        return None not in (self.published_rating, self.computed_rating) and self.published_rating != self.computed_rating


@dataclass(frozen=True)
class Disagreement:
    where: str
    published: str
    computed: str

    @property
    def message(self) -> str:
        return f"{self.where}: published {self.published}, the rules give {self.computed}"


@dataclass(frozen=True)
class Assessment:
    framework: Framework
    standards: tuple[StandardAssessment, ...]
    overall: OverallAssessment
    disagreements: tuple[Disagreement, ...]

    def standard(self, code: str) -> StandardAssessment | None:
        return next((s for s in self.standards if s.code == code), None)


def band_label(band: Band) -> str:
    return f"{band.low:g}–{band.high:g}"


def lowest_key_question(standard: Standard) -> KeyQuestion | None:
    known = [q for q in standard.key_questions if q.percent_yes is not None]
    return min(known, key=lambda q: q.percent_yes) if known else None


def cases_needed(standard: Standard, framework: Framework, sample_total: int | None) -> CasesNeeded | None:
    lowest = lowest_key_question(standard)
    if lowest is None:
        return None
    band = framework.key_question_band(lowest.percent_yes)
    next_rating = band.rating.next_better() if band else None
    if next_rating is None:
        return None
    target = next(b.low for b in framework.key_question_bands if b.rating == next_rating)
    if lowest.cases_yes is not None and lowest.cases_total:
        yes, total, approximate = lowest.cases_yes, lowest.cases_total, False
    elif sample_total:
        yes, total, approximate = round(lowest.percent_yes * sample_total / 100), sample_total, True
    else:
        return None
    needed = -(-int(target * total) // 100)  # ceiling of target% of total, in whole cases
    others = tuple(
        q.question for q in standard.key_questions
        if q is not lowest and q.percent_yes is not None and q.percent_yes < target
    )
    return CasesNeeded(next_rating, target, max(0, needed - yes), total, approximate, others)


def _caveat(rule: Rule | None) -> str:
    return f" ({rule.caveat})" if rule is not None and rule.caveat else ""


def assess_standard(
    definition: StandardDefinition | None, standard: Standard | None, framework: Framework, sample_total: int | None
) -> StandardAssessment:
    code = definition.code if definition else standard.code
    name = (standard.name if standard and standard.name else None) or (definition.name if definition else code)
    published = standard.rating if standard else None
    domain = definition.domain if definition else None
    if definition is None:
        return StandardAssessment(code, name, None, published, None, f"{code} is not part of {framework.name}.")
    if not definition.rated_by_key_questions:
        return StandardAssessment(
            code, name, domain, published, None,
            f"Domain {domain} standard: rated by inspectors' judgement; there is nothing to compute.",
        )
    lowest = lowest_key_question(standard) if standard else None
    if lowest is None:
        return StandardAssessment(
            code, name, domain, published, None, "No key-question percentages published: the rating cannot be computed."
        )
    if not framework.key_question_bands:
        return StandardAssessment(code, name, domain, published, None,
                                  f"The bands of {framework.name} are not published: the rating cannot be computed.",
                                  lowest)
    band = framework.key_question_band(lowest.percent_yes)
    computed = band.rating if band else None
    rule = (
        f"Lowest key question {lowest.percent_yes:g}% ('{lowest.question}') falls in the "
        f"{band_label(band)}% band: {computed.label}{_caveat(band.rule)}."
        if band else f"Lowest key question {lowest.percent_yes:g}% is outside every band of {framework.name}."
    )
    return StandardAssessment(
        code, name, domain, published, computed, rule, lowest, band, cases_needed(standard, framework, sample_total)
    )


def assess_overall(inspection: Inspection, standards: list[StandardAssessment], framework: Framework) -> OverallAssessment:
    published = inspection.overall

    def cannot(why: str) -> OverallAssessment:
        return OverallAssessment(published.rating, published.score, None, None, framework.max_score, why)

    if not framework.points:
        known = framework.overall_rule.source if framework.overall_rule else ""
        return cannot(f"{framework.name} gives no score the viewer can compute" + (f": {known}" if known else "."))
    kinds = sorted({k for d in framework.standards for k in d.applies_to})
    if kinds and not any(framework.definition(s.code).applies_to for s in standards):
        return cannot(f"Score cannot be computed: {framework.name} rates each kind of unit ({', '.join(kinds)}) on "
                      "its own standards, and this inspection does not say which kind of unit it is.")
    scored = [s for s in standards if (d := framework.definition(s.code)) is None or d.counts_in_score]
    missing = [s.code for s in scored if s.scored_rating is None]
    if not scored:
        return cannot(f"No standard of {framework.name} is known for this unit: the score cannot be computed.")
    if missing:
        return cannot(f"Score cannot be computed: no published or computed rating for {', '.join(missing)}.")
    score = sum(framework.points[s.scored_rating] for s in scored)
    band = framework.overall_band(score)
    parts = " + ".join(f"{s.code} {framework.points[s.scored_rating]}" for s in scored)
    rule = f"Score {parts} = {score}/{framework.max_score}{_caveat(framework.points_rule)}"
    if band:
        rule += f"; {band_label(band)} is {band.rating.label}{_caveat(band.rule)}."
    elif not framework.overall_bands:
        rule += "; the bands that turn a score into a rating are not published for this framework."
    return OverallAssessment(
        published.rating, published.score, score, band.rating if band else None, framework.max_score, rule, band
    )


def assess(inspection: Inspection, framework: Framework) -> Assessment:
    sample_total = inspection.cases.total
    rated_on = framework.standards_for(inspection.unit.kind, frozenset(s.code for s in inspection.standards))
    defined = [assess_standard(d, inspection.standard(d.code), framework, sample_total) for d in rated_on]
    extra = [  # standards of the file that are not part of the framework, or not of this kind of unit
        assess_standard(framework.definition(s.code), s, framework, sample_total)
        for s in inspection.standards if s.code not in {d.code for d in rated_on}
    ]
    overall = assess_overall(inspection, defined, framework)
    disagreements = [
        Disagreement(f"{s.code} {s.name}", s.published.label, s.computed.label) for s in defined if s.disagrees
    ]
    if overall.score_disagrees:
        disagreements.append(Disagreement(
            "Score", overall.score_text(overall.published_score), overall.score_text(overall.computed_score)
        ))
    if overall.rating_disagrees:
        disagreements.append(Disagreement(
            "Overall rating", label_or_missing(overall.published_rating), label_or_missing(overall.computed_rating)
        ))
    return Assessment(framework, tuple(defined + extra), overall, tuple(disagreements))
