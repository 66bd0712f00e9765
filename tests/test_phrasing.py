"""The phrasing suite: short texts of our own, each with a complete gold annotation.

Every file ``tests/phrasing/*.yaml`` is a list of cases. A case is a tiny article in the gold
format of ``../shared/eval/FORMAT.md`` (``evidence`` quotes instead of spans), plus:

``id``
    a unique name (the test's id);
``capability``
    the class of phrasing the case stands for ("capture: passive 'fell to'");
``text``
    the article, written by us: never a sentence of a real article;
``xfail``
    optional: why the extractor does not get this case yet. Such a case is run all the same
    (strictly: once it passes, the mark must go).

The gold of a case is complete: it lists every actor, place, relation and event a careful
analyst would take from the text, so the case fails on a missed fact and on a spurious one alike,
in every section. Scoring is ``kg eval``'s own (:func:`kg.quality.evaluate.score_article`), so a
case passes exactly when ``kg eval`` would give its text an F1 of 1.

Run one file's cases with ``pytest tests/test_phrasing.py -k relations``; the pass rate per
capability, xfails included, with ``python tests/test_phrasing.py [FILE-STEM ...]``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import write_articles

from kg.extract.pipeline import Extractor
from kg.model import ArticleMeta, FuzzyDate
from kg.quality.evaluate import score_article
from kg.rdf.store import KGStore

SUITE = Path(__file__).parent / "phrasing"
#: keys of a case that are not part of its gold annotation
CASE_KEYS = ("id", "capability", "text", "xfail")


def load_cases(folder: Path = SUITE) -> list[dict[str, Any]]:
    """Every case of every ``*.yaml`` file in ``folder``, each with its ``file`` added."""
    cases: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append({**case, "file": path.stem})
    return cases


def case_score(ex: Extractor, case: dict[str, Any]) -> Any:
    """``kg eval``'s score of the extractor on one case."""
    date = FuzzyDate.parse(str(case["date"])) if case.get("date") else None
    facts = ex.extract(ArticleMeta(f"{case['id']}.txt", date=date), case["text"])
    gold = {k: v for k, v in case.items() if k not in (*CASE_KEYS, "file")}
    gold["article"] = f"{case['id']}.txt"
    st = KGStore(None)
    try:
        write_articles(st, [facts])
        return score_article(gold, st)
    finally:
        st.close()


CASES = load_cases()


def _param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
    return pytest.param(case, id=f"{case['file']}:{case['id']}", marks=marks)


def test_the_suite_is_well_formed() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    for c in CASES:
        assert c.get("capability"), f"case {c.get('id')} has no capability"
        assert c.get("text"), f"case {c.get('id')} has no text"


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_phrasing(ex: Extractor, case: dict[str, Any]) -> None:
    score = case_score(ex, case)
    wrong = [f"missed {m.section}: {m.fact}" for m in score.missed]
    wrong += [f"spurious {m.section}: {m.fact}" for m in score.spurious]
    assert not wrong, f"{case['capability']}\n{case['text']}\n" + "\n".join(wrong)


def report(stems: list[str]) -> str:
    """Cases passed per file and capability, xfails included (``python tests/test_phrasing.py``)."""
    ex = Extractor()
    rows: dict[tuple[str, str], list[int]] = {}
    for case in CASES:
        if stems and case["file"] not in stems:
            continue
        score = case_score(ex, case)
        row = rows.setdefault((case["file"], case["capability"].split(":")[0]), [0, 0])
        row[0] += not (score.missed or score.spurious)
        row[1] += 1
    lines = [f"{ok:4d} / {n:<4d} {f}: {cap}" for (f, cap), (ok, n) in sorted(rows.items())]
    ok, n = sum(r[0] for r in rows.values()), sum(r[1] for r in rows.values())
    return "\n".join([*lines, f"{ok:4d} / {n:<4d} all ({ok / max(n, 1):.0%})"])


if __name__ == "__main__":
    import sys

    print(report(sys.argv[1:]))
